import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/dialect.js';
import type { OutboxMessage } from '../../src/outbox/outbox.js';
import type { Channel, PlatformTask } from '../../src/platforms/channel.js';
import { platformTaskKey } from '../../src/features/next-steps/platform-tasks.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { sandboxChat } from '../helpers/sandbox-chat.js';
import { seedCustomer } from '../helpers/records.js';

const task: PlatformTask = { summary: '华为：发报价单', dueDate: '2026-12-31', dueAt: Date.parse('2026-12-31T18:00:00+08:00') };
const toUser = (key: string): OutboxMessage => ({ idempotencyKey: key, platform: 'sandbox', target: { kind: 'user', recipient: { platform: 'sandbox', userRef: '1' } }, payload: { type: 'platform-task', task } });

describe('outbox platform-task payloads', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-30T10:00:00+08:00' });
  });
  afterEach(async () => t.close());

  it('fails at once, without retries, on a channel that cannot create tasks or towards a conversation', async () => {
    await t.app.botDeps.outbox.enqueue([toUser('task:nosupport')]);
    expect(await t.app.botDeps.outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const sandbox = t.app.platformChannels.get('sandbox') as Channel;
    sandbox.createTask = () => Promise.resolve({ platform: 'sandbox', messageId: 'never' });
    await t.app.botDeps.outbox.enqueue([{ ...toUser('task:conversation'), target: { kind: 'conversation', conversation: { platform: 'sandbox', chatId: '1', chatType: 'p2p' } } }]);
    expect(await t.app.botDeps.outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const rows = await queryRows(t.db, sql`SELECT idempotency_key AS k, status, attempts, last_error AS e FROM outbox WHERE idempotency_key LIKE 'task:%' ORDER BY id`);
    expect(rows).toEqual([
      { k: 'task:nosupport', status: 'failed', attempts: 1, e: 'channel sandbox cannot create tasks' },
      { k: 'task:conversation', status: 'failed', attempts: 1, e: 'a task is made for a user, not a conversation' },
    ]);
  });

  it('a sent task’s id lands on its next step; a task for a visit that is gone leaves no row behind', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    await sandboxChat(t.app, 'S101').say('拜访 华为 聊了预算 下一步 12-31 发报价单');
    const visitId = (await queryRows<{ id: number }>(t.db, sql`SELECT id FROM visits ORDER BY id DESC LIMIT 1`))[0]!.id;
    const sandbox = t.app.platformChannels.get('sandbox') as Channel;
    const made: PlatformTask[] = [];
    sandbox.createTask = (_assignee, created) => {
      made.push(created);
      return Promise.resolve({ platform: 'sandbox', messageId: `task-${made.length}` });
    };
    await t.app.botDeps.outbox.enqueue([toUser(platformTaskKey(visitId)), toUser(platformTaskKey(visitId + 1000))]);
    await t.app.botDeps.outbox.tick();
    expect(made).toHaveLength(2);
    const rows = await queryRows(t.db, sql`SELECT visit_id AS "visitId", platform_task_id AS "taskId" FROM next_steps ORDER BY visit_id`);
    expect(rows).toEqual([{ visitId, taskId: 'task-1' }]);
  });
});
