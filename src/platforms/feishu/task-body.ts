import type { PlatformTask } from '../channel.js';
import { feishuUuid } from './api.js';

/**
 * The body of POST /open-apis/task/v2/tasks (task v2 create, as @larksuiteoapi/node-sdk types it):
 * an all-day due date and the rep as the one assignee. An all-day due takes the date's 00:00 UTC in
 * ms, as a string: read in UTC or in +08:00 it is the same calendar day. `client_token` is Feishu's
 * idempotency key (at most 50 characters, as the message uuid).
 */
export function feishuTaskBody(openId: string, task: PlatformTask, idempotencyKey: string) {
  return {
    summary: task.summary,
    ...(task.description ? { description: task.description } : {}),
    due: feishuAllDayDue(task.dueDate),
    members: [{ id: openId, type: 'user' as const, role: 'assignee' as const }],
    client_token: feishuUuid(idempotencyKey),
  };
}

export function feishuAllDayDue(date: string): { timestamp: string; is_all_day: true } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { timestamp: String(Date.UTC(y, m - 1, d)), is_all_day: true };
}

/** PATCH /open-apis/task/v2/tasks/:guid: only the due date changes (`update_fields` names it). */
export const feishuDueUpdateBody = (task: PlatformTask) => ({ task: { due: feishuAllDayDue(task.dueDate) }, update_fields: ['due'] });
