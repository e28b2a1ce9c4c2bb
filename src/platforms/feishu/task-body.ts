import type { PlatformTask } from '../channel.js';
import { feishuUuid } from './api.js';

/**
 * The body of POST /open-apis/task/v2/tasks (task v2 create, as @larksuiteoapi/node-sdk types it):
 * an all-day due date and the rep as the one assignee. An all-day due takes the date's 00:00 UTC in
 * ms, as a string: read in UTC or in +08:00 it is the same calendar day. `client_token` is Feishu's
 * idempotency key (at most 50 characters, as the message uuid).
 */
export function feishuTaskBody(openId: string, task: PlatformTask, idempotencyKey: string) {
  const [y, m, d] = task.dueDate.split('-').map(Number) as [number, number, number];
  return {
    summary: task.summary,
    ...(task.description ? { description: task.description } : {}),
    due: { timestamp: String(Date.UTC(y, m - 1, d)), is_all_day: true },
    members: [{ id: openId, type: 'user' as const, role: 'assignee' as const }],
    client_token: feishuUuid(idempotencyKey),
  };
}
