import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { alertCardsTo, alertsTo } from '../helpers/alert-cards.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const FRIDAY_1800 = Date.parse('2026-11-27T18:00:00+08:00');
const SATURDAY_1800 = Date.parse('2026-11-28T18:00:00+08:00');
const REPS = ['S100', 'S101', 'S102', 'S103', 'S104', 'S105', 'S200', 'S201', 'S202', 'S203', 'S204', 'S205'];

/**
 * Every rep is on pace (10万 collected of a 10万 month target by the 27th) and visited today, except
 * one rep per rule: S101 last visited on Monday; S103 collected 3万; S104 has a proposal untouched
 * since 20 October; S105 has a complaint unanswered since yesterday 09:00; S201 registered a customer
 * this month without its industry (a required field).
 */
async function seed(t: TestApp): Promise<void> {
  const { deals, dealStageHistory, requiredFields } = tablesOf(t.db);
  for (const employeeNo of REPS) {
    const rep = await kpiRecords(t.db, employeeNo);
    const customer = await rep.customer();
    const deal = await rep.deal(customer, 10_000_000, 'won', '2026-11-10');
    await rep.payment(deal, customer, employeeNo === 'S103' ? 3_000_000 : 10_000_000, '2026-11-10');
    if (employeeNo === 'S101') await rep.visits([customer], 1, '2026-11-23');
    else if (employeeNo === 'S102') await rep.visits([customer], 1, '2026-11-25');
    else await rep.visits([customer], 1, '2026-11-27');
    if (employeeNo === 'S104') {
      const stuck = await rep.deal(customer, 50_000_000, 'proposal');
      await t.db.update(deals).set({ title: '二期扩容', createdAt: Date.parse('2026-10-20T10:00:00+08:00') }).where(eq(deals.id, stuck));
      const moving = await rep.deal(customer, 1_000_000, 'proposal');
      await t.db.update(deals).set({ createdAt: Date.parse('2026-09-01T10:00:00+08:00') }).where(eq(deals.id, moving));
      await t.db.insert(dealStageHistory).values({ dealId: moving, fromStage: 'lead', toStage: 'proposal', changedOn: '2026-11-20', changedAt: Date.parse('2026-11-20T10:00:00+08:00') });
    }
    if (employeeNo === 'S105') {
      await rep.complaint(customer, '2026-11-26T09:00:00+08:00', '2026-11-26', null, null);
      await rep.complaint(customer, '2026-11-27T10:00:00+08:00', '2026-11-27', null, null); // 8 h: not yet overdue
      await rep.complaint(customer, '2026-11-25T09:00:00+08:00', '2026-11-25', null, 3_600_000); // answered
    }
    if (employeeNo === 'S201') await rep.customer('2026-11-20T10:00:00+08:00', 'direct');
  }
  // Only what this test needs is required (the defaults seeded at boot would flag every rep).
  await t.db.delete(requiredFields);
  await t.db.insert(requiredFields).values({ entity: 'customer', field: 'industry', createdAt: 0 });
}

describe('alerts job (daily 18:00)', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('fires each rule once, to the rep’s manager, and not again the next day while the condition holds', async () => {
    t = await createTestApp({ now: '2026-11-27T18:00:00+08:00' });
    await seed(t);
    const first = await t.app.jobs.run('alerts', { trigger: 'schedule', now: FRIDAY_1800 });
    expect(first).toMatchObject({
      status: 'succeeded',
      periodKey: '2026-11-27',
      // Two cards: 王 (S100) gets his team's four alerts in one digest, 刘 (S200) one alert.
      result: { sent: 2, details: { alerts: 5, found: { 'no-visit': 1, 'low-achievement': 1, 'stuck-deal': 1, complaint: 1, completeness: 1 }, disabledRules: [] }, skipped: { unreachable: 0 } },
    });
    expect((await alertCardsTo(t, 'S100')).map((c) => c.template)).toEqual(['alert-digest']);
    const wang = await alertsTo(t, 'S100');
    expect(wang).toHaveLength(4);
    expect(wang.find((a) => a.includes('长时间未拜访'))).toContain('张三 已连续 4 个工作日没有拜访记录（上次拜访：2026-11-23）');
    expect(wang.find((a) => a.includes('月度达成偏低'))).toContain('赵敏 本月回款额 3万，按进度应达 9万（目标 10万 × 27/30 天），达成 33.3%，低于 60%');
    expect(wang.find((a) => a.includes('商机停滞'))).toContain('钱多多 的商机「二期扩容」（S104客户1，50万）已在「方案/报价」阶段停留 38 天');
    expect(wang.find((a) => a.includes('投诉超时未回复'))).toContain('孙悦 负责的客户「S105客户1」的投诉已 33 小时未回复：发货慢');
    expect(await alertsTo(t, 'S200')).toEqual([expect.stringContaining('刘洋 本月资料完整率 0%，低于 80%')]);
    // Alerts go to managers, not to the reps themselves.
    expect(await alertsTo(t, 'S101')).toEqual([]);

    const sameDay = await t.app.jobs.run('alerts', { trigger: 'manual', periodKey: '2026-11-27', now: FRIDAY_1800 + 60_000 });
    expect(sameDay).toMatchObject({ status: 'skipped', reason: 'already-ran' });
    const nextDay = await t.app.jobs.run('alerts', { trigger: 'schedule', now: SATURDAY_1800 });
    // Only the new subject: Friday 10:00's complaint is now overdue too; the five known alerts stay sent once.
    expect(nextDay).toMatchObject({ status: 'succeeded', periodKey: '2026-11-28', result: { sent: 1, alreadySent: 5, details: { alerts: 1 } } });
    expect((await alertCardsTo(t, 'S100')).map((c) => c.template)).toEqual(['alert-digest', 'alert']);
    const after = await alertsTo(t, 'S100');
    expect(after).toHaveLength(5);
    expect(after.filter((a) => a.includes('长时间未拜访'))).toHaveLength(1);
    expect(after.filter((a) => a.includes('投诉超时未回复'))).toHaveLength(2);
  });

  it('a rule with threshold 0 is off; thresholds come from config', async () => {
    t = await createTestApp({ now: '2026-11-27T18:00:00+08:00', env: { ALERT_STUCK_DEAL_DAYS: '0', ALERT_MTD_ACHIEVEMENT_BELOW_PCT: '20', ALERT_NO_VISIT_WORKING_DAYS: '5' } });
    await seed(t);
    const outcome = await t.app.jobs.run('alerts', { trigger: 'schedule', now: FRIDAY_1800 });
    // 33% is above a 20% threshold; Monday's visit is 4 working days back, not 5.
    expect(outcome).toMatchObject({ result: { sent: 2, details: { alerts: 2, found: { 'no-visit': 0, 'low-achievement': 0, 'stuck-deal': 0, complaint: 1, completeness: 1 }, disabledRules: ['stuck-deal'] } } });
  });

  it('month-to-date achievement is not judged before the middle of the month', async () => {
    t = await createTestApp({ now: '2026-11-13T18:00:00+08:00' });
    await seed(t);
    const outcome = await t.app.jobs.run('alerts', { trigger: 'schedule', now: Date.parse('2026-11-13T18:00:00+08:00') });
    expect(outcome).toMatchObject({ result: { details: { found: { 'low-achievement': 0 } } } });
  });
});
