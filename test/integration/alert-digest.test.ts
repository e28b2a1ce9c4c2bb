import { like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import { alertCardsTo, alertsTo } from '../helpers/alert-cards.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Three of 王经理's reps (S101, S102, S103) last visited on Monday 23 Nov; everyone else visited today. */
async function seed(t: TestApp, today: string): Promise<void> {
  for (const employeeNo of ['S100', 'S101', 'S102', 'S103', 'S104', 'S105', 'S200', 'S201', 'S202', 'S203', 'S204', 'S205']) {
    const rep = await kpiRecords(t.db, employeeNo);
    await rep.visits([await rep.customer()], 1, ['S101', 'S102', 'S103'].includes(employeeNo) ? '2026-11-23' : today);
  }
  // Only the no-visit rule speaks here.
  await t.db.delete(tablesOf(t.db).requiredFields);
}

async function outboxRowsTo(t: TestApp, userId: number) {
  const { outbox } = tablesOf(t.db);
  const rows = await t.db.select({ key: outbox.idempotencyKey, target: outbox.target }).from(outbox).where(like(outbox.idempotencyKey, 'alert%'));
  return rows.filter((row) => (row.target as { recipient: { userRef: string } }).recipient.userRef === String(userId));
}

describe('alerts to one manager on one run are one card', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('a run with 3 alerts for one manager queues exactly one card for that manager, and the next day none', async () => {
    t = await createTestApp({ now: '2026-11-27T18:00:00+08:00', env: { ALERT_STUCK_DEAL_DAYS: '0', ALERT_MTD_ACHIEVEMENT_BELOW_PCT: '0', ALERT_COMPLAINT_RESPONSE_HOURS: '0', ALERT_COMPLETENESS_BELOW_PCT: '0' } });
    await seed(t, '2026-11-27');
    const wang = (await t.app.botDeps.org.getUserByEmployeeNo('S100'))!.id;
    const run = await t.app.jobs.run('alerts', { trigger: 'schedule', now: t.clock.now });
    expect(run).toMatchObject({ status: 'succeeded', result: { sent: 1, details: { alerts: 3, found: { 'no-visit': 3 } } } });
    expect(await outboxRowsTo(t, wang)).toHaveLength(1);

    const cards = await alertCardsTo(t, 'S100');
    expect(cards.map((c) => [c.template, c.title])).toEqual([['alert-digest', '⚠️ 今日预警（3 条）']]);
    const alerts = await alertsTo(t, 'S100');
    expect(alerts).toHaveLength(3);
    for (const name of ['张三', '李四', '赵敏']) expect(alerts.filter((a) => a.includes(`${name} 已连续 4 个工作日没有拜访记录`))).toHaveLength(1);

    // Saturday: the same three streaks still hold; nobody is told twice.
    t.clock.set('2026-11-28T18:00:00+08:00');
    const next = await t.app.jobs.run('alerts', { trigger: 'schedule', now: t.clock.now });
    expect(next).toMatchObject({ status: 'succeeded', result: { sent: 0, alreadySent: 3, details: { alerts: 0 } } });
    expect(await outboxRowsTo(t, wang)).toHaveLength(1);
  });
});
