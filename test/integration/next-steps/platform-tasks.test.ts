import { asc, desc, eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { typedMessage } from '../../helpers/typed-message.js';
import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { platformTaskKey, queueNextStepTask } from '../../../src/features/next-steps/platform-tasks.js';
import type { IdentityKind, InboundMessage, PlatformName } from '../../../src/platforms/channel.js';
import { feishuUuid } from '../../../src/platforms/feishu/api.js';
import { DINGTALK_ORG_ROWS, dingtalkEnv } from '../../helpers/dingtalk.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv } from '../../helpers/feishu.js';
import { seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../simulators/dingtalk/simulator.js';
import { startFeishuSimulator, type FeishuSimulator } from '../../simulators/feishu/server.js';

// A Wednesday; the step is due on New Year's Eve, whose 00:00 UTC and 18:00 Shanghai are fixed below.
const NOW = '2026-12-30T10:00:00+08:00';
const VISIT = '拜访 华为 聊了预算 下一步 12-31 发报价单';
const FLAG_ON = { NEXT_STEP_PLATFORM_TASKS: 'true' };

const typed = (platform: PlatformName, id: { kind: IdentityKind; value: string }, text: string, extra: Record<string, string> = {}): InboundMessage =>
  typedMessage(platform, id, text, Date.parse(NOW), extra);

async function drain(t: TestApp): Promise<void> {
  for (;;) {
    const c = await t.app.botDeps.outbox.tick(500);
    if (c.sent + c.retried + c.failed === 0) return;
  }
}

async function setUp(env: Record<string, string>, rows: Record<string, string>[]): Promise<TestApp> {
  const t = await createTestApp({ now: NOW, seedDemoOrg: false, env });
  const imported = await importOrg(t.db, readJsonRows(rows), { now: t.clock.now, actorUserId: null, source: 'cli' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  await seedCustomer(t.db, { name: '小米科技', owner: 'S102', aliases: ['小米'] });
  return t;
}

async function lastVisitId(t: TestApp): Promise<number> {
  const { visits } = tablesOf(t.db);
  return (await t.db.select({ id: visits.id }).from(visits).orderBy(desc(visits.id)).limit(1))[0]!.id;
}
async function storedTaskId(t: TestApp, visitId: number): Promise<string | null | undefined> {
  const { nextSteps } = tablesOf(t.db);
  return (await t.db.select({ id: nextSteps.platformTaskId }).from(nextSteps).where(eq(nextSteps.visitId, visitId)))[0]?.id;
}
async function taskRows(t: TestApp): Promise<{ key: string; status: string }[]> {
  const { outbox } = tablesOf(t.db);
  return t.db.select({ key: outbox.idempotencyKey, status: outbox.status }).from(outbox).where(like(outbox.idempotencyKey, 'next-step-task:%')).orderBy(asc(outbox.id));
}

describe('a visit’s 下一步 as a Feishu task (task v2, simulator)', () => {
  let sim: FeishuSimulator;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
  });
  afterAll(async () => sim.close());
  afterEach(async () => t.close());

  describe('with NEXT_STEP_PLATFORM_TASKS=true', () => {
    beforeEach(async () => {
      sim.resetTasks();
      t = await setUp({ ...feishuEnv(sim.url), ...FLAG_ON }, feishuDemoOrgRows());
    });

    it('makes one POST /open-apis/task/v2/tasks with the documented body, and keeps the guid on the step', async () => {
      const event = typed('feishu', { kind: 'open_id', value: 'ou_s101' }, VISIT);
      await t.app.bot.handleMessage(event);
      await drain(t);
      const visitId = await lastVisitId(t);

      expect(sim.tasks).toHaveLength(1);
      const [task] = sim.tasks;
      expect(task!.userIdType).toBe('open_id');
      expect(task!.authorization).toMatch(/^Bearer t-sim-/);
      expect(task!.body).toEqual({
        summary: '华为技术有限公司：12-31 发报价单',
        due: { timestamp: String(Date.parse('2026-12-31T00:00:00Z')), is_all_day: true },
        members: [{ id: 'ou_s101', type: 'user', role: 'assignee' }],
        client_token: feishuUuid(platformTaskKey(visitId)),
      });
      expect(await storedTaskId(t, visitId)).toBe(task!.guid);

      // The same event delivered again, and the step queued again (an edit): no second call.
      await t.app.bot.handleMessage(event);
      expect(await queueNextStepTask(t.app.botDeps, visitId)).toBe('duplicate');
      await drain(t);
      expect(sim.tasks).toHaveLength(1);
      expect(await taskRows(t)).toEqual([{ key: platformTaskKey(visitId), status: 'sent' }]);
    });

    it('改期 in chat moves the task: one PATCH with update_fields ["due"], once per new date', async () => {
      await t.app.bot.handleMessage(typed('feishu', { kind: 'open_id', value: 'ou_s101' }, VISIT));
      await drain(t);
      const visitId = await lastVisitId(t);
      const reschedule = typed('feishu', { kind: 'open_id', value: 'ou_s101' }, `改期 ${visitId} 2027-01-05`);
      await t.app.bot.handleMessage(reschedule);
      await t.app.bot.handleMessage({ ...reschedule, eventId: `${reschedule.eventId}-again` });
      await drain(t);
      expect(sim.taskUpdates.map(({ guid, userIdType, body }) => ({ guid, userIdType, body }))).toEqual([
        { guid: sim.tasks[0]!.guid, userIdType: 'open_id', body: { task: { due: { timestamp: String(Date.parse('2027-01-05T00:00:00Z')), is_all_day: true } }, update_fields: ['due'] } },
      ]);
    });

    it('a visit without a 下一步 date makes no task', async () => {
      await t.app.bot.handleMessage(typed('feishu', { kind: 'open_id', value: 'ou_s101' }, '拜访 华为 聊了预算'));
      await drain(t);
      expect(sim.tasks).toHaveLength(0);
      expect(await taskRows(t)).toEqual([]);
    });
  });

  it('with the flag off (the default) no task call is made and nothing is queued', async () => {
    sim.resetTasks();
    t = await setUp(feishuEnv(sim.url), feishuDemoOrgRows());
    await t.app.bot.handleMessage(typed('feishu', { kind: 'open_id', value: 'ou_s101' }, VISIT));
    await drain(t);
    expect(sim.tasks).toHaveLength(0);
    expect(await taskRows(t)).toEqual([]);
    expect(await storedTaskId(t, await lastVisitId(t))).toBeUndefined();
  });
});

describe('a visit’s 下一步 as a DingTalk to-do (simulator)', () => {
  let sim: DingTalkSimulator;
  let t: TestApp;
  // S101 has a unionId in the org file; S102 has none.
  const rows = DINGTALK_ORG_ROWS.map((row) => (row.employee_no === 'S101' ? { ...row, dingtalk_union_id: 'union-s101' } : row));
  beforeAll(async () => {
    sim = await startDingTalkSimulator();
  });
  afterAll(async () => sim.close());
  beforeEach(async () => {
    sim.todos.length = 0;
    sim.todoUpdates.length = 0;
    t = await setUp({ ...dingtalkEnv(sim, { DINGTALK_MODE: 'webhook', DINGTALK_CARD_CALLBACK_SECRET: 'sim-card-secret' }), ...FLAG_ON }, rows);
  });
  afterEach(async () => t.close());

  it('makes one POST /v1.0/todo/users/{unionId}/tasks with the documented body, and keeps the id on the step', async () => {
    const event = typed('dingtalk', { kind: 'userId', value: 'dt-s101' }, VISIT, { senderStaffId: 'dt-s101' });
    await t.app.bot.handleMessage(event);
    await drain(t);
    const visitId = await lastVisitId(t);

    expect(sim.todos).toHaveLength(1);
    const [todo] = sim.todos;
    expect(todo!.unionId).toBe('union-s101');
    expect(todo!.accessToken).toMatch(/^sim-token-/);
    expect(todo!.body).toEqual({ subject: '华为技术有限公司：12-31 发报价单', dueTime: Date.parse('2026-12-31T18:00:00+08:00'), executorIds: ['union-s101'] });
    expect(await storedTaskId(t, visitId)).toBe(todo!.id);

    await t.app.bot.handleMessage(event);
    expect(await queueNextStepTask(t.app.botDeps, visitId)).toBe('duplicate');
    await drain(t);
    expect(sim.todos).toHaveLength(1);
  });

  it('改期 in chat moves the to-do: one PUT /v1.0/todo/users/{unionId}/tasks/{id} with the new dueTime', async () => {
    await t.app.bot.handleMessage(typed('dingtalk', { kind: 'userId', value: 'dt-s101' }, VISIT, { senderStaffId: 'dt-s101' }));
    await drain(t);
    const visitId = await lastVisitId(t);
    await t.app.bot.handleMessage(typed('dingtalk', { kind: 'userId', value: 'dt-s101' }, `改期 ${visitId} 2027-01-05`, { senderStaffId: 'dt-s101' }));
    await drain(t);
    expect(sim.todoUpdates.map(({ id, unionId, body }) => ({ id, unionId, body }))).toEqual([{ id: sim.todos[0]!.id, unionId: 'union-s101', body: { dueTime: Date.parse('2027-01-05T18:00:00+08:00') } }]);
  });

  it('a rep without a unionId: no call, and nothing left in the outbox', async () => {
    await t.app.bot.handleMessage(typed('dingtalk', { kind: 'userId', value: 'dt-s102' }, '拜访 小米 聊了预算 下一步 12-31 发报价单', { senderStaffId: 'dt-s102' }));
    await drain(t);
    const visitId = await lastVisitId(t);
    expect(sim.todos).toHaveLength(0);
    expect(await taskRows(t)).toEqual([]);
    expect(await queueNextStepTask(t.app.botDeps, visitId)).toBe('skipped');
    expect(await t.app.botDeps.outbox.counts()).not.toHaveProperty('pending');
    expect(await t.app.botDeps.outbox.counts()).not.toHaveProperty('failed');
  });
});
