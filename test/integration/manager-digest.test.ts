import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import type { DealStage } from '../../src/domain/records/vocabulary.js';
import type { CardModel } from '../../src/domain/card-model.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { findButton, replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { devLogin } from '../helpers/web-session.js';

/**
 * The manager on Monday morning: the weekly card is a digest (team vs target and pace, pipeline
 * movement, overdue next steps, each rep's gap), and its 催一下 and 查看 work the way a manager
 * clicks them. Every date comes from the injected clock.
 */

async function deliverAll(t: TestApp): Promise<void> {
  for (;;) {
    const counts = await t.app.botDeps.outbox.tick(500);
    if (counts.sent + counts.retried + counts.failed === 0) return;
  }
}

async function managerCard(t: TestApp, employeeNo = 'S100'): Promise<CardModel> {
  await deliverAll(t);
  const cards = (await sandboxChat(t.app, employeeNo).transcript()).flatMap((m) => (m.payload.type === 'card' && m.payload.card.template === 'weekly-ranking' ? [m.payload.card] : []));
  expect(cards).toHaveLength(1);
  return cards[0] as CardModel;
}

const nudgesTo = async (t: TestApp, employeeNo: string) =>
  (await sandboxChat(t.app, employeeNo).transcript()).filter((m) => m.payload.type === 'card' && m.payload.card.title.includes('提醒你跟进业绩'));

const stageChange = async (t: TestApp, deal: number, from: DealStage | null, to: DealStage, on: string) =>
  t.db.insert(tablesOf(t.db).dealStageHistory).values({ dealId: deal, fromStage: from, toStage: to, changedOn: on, changedAt: Date.parse(`${on}T10:00:00+08:00`) });

/**
 * 华东一组 in a week ending on `weekLast` (a Sunday): 张三 collected 3万 and won a 5万 deal, moved a
 * deal on and lost one; 李四 logged one visit the week before, with a next step due before today
 * that no later visit answered.
 */
async function seedTeam(t: TestApp, days: { weekFirst: string; weekMid: string; weekLast: string; before: string }) {
  const zhang = await kpiRecords(t.db, 'S101');
  const customer = await zhang.customer();
  const won = await zhang.deal(customer, 5_000_000, 'won', days.weekMid);
  await zhang.payment(won, customer, 3_000_000, days.weekMid);
  await zhang.visits([customer], 3, days.weekMid);
  const moving = await zhang.deal(customer, 2_000_000, 'proposal');
  const lost = await zhang.deal(customer, 1_000_000, 'lost', days.weekLast);
  await stageChange(t, won, null, 'won', days.weekMid);
  await stageChange(t, moving, null, 'lead', days.weekFirst);
  await stageChange(t, moving, 'lead', 'proposal', days.weekLast);
  await stageChange(t, lost, 'proposal', 'lost', days.weekLast);
  await stageChange(t, lost, null, 'lead', days.before); // before the week: not this week's movement
  const li = await kpiRecords(t.db, 'S102');
  const liCustomer = await li.customer();
  await li.visits([liCustomer], 1, days.before);
  const { visits } = tablesOf(t.db);
  await t.db.update(visits).set({ nextStep: '发报价单', nextStepDue: days.before }).where(eq(visits.repUserId, li.userId));
}

describe('the manager’s Monday digest', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  const weeks = [
    { name: 'the last week of November (Monday 30 Nov)', monday: '2026-11-30T09:00:00+08:00', week: '2026-W48', days: { weekFirst: '2026-11-23', weekMid: '2026-11-25', weekLast: '2026-11-29', before: '2026-11-20' }, elapsed: '第 30/30 天' },
    // ISO week 53 of 2026 runs from 28 Dec to 3 Jan: the card's month is January, four days in.
    { name: 'ISO week 53, across the new year (Monday 4 Jan 2027)', monday: '2027-01-04T09:00:00+08:00', week: '2026-W53', days: { weekFirst: '2026-12-28', weekMid: '2027-01-02', weekLast: '2027-01-03', before: '2026-12-24' }, elapsed: '第 4/31 天' },
  ];
  for (const w of weeks) {
    it(`${w.name}: team vs target and pace, pipeline, reps without visits, overdue next steps, each rep’s gap`, async () => {
      t = await createTestApp({ now: w.monday });
      await seedTeam(t, w.days);
      const outcome = await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: t.clock.now });
      expect(outcome).toMatchObject({ status: 'succeeded', periodKey: w.week });
      const text = replyText({ type: 'card', card: await managerCard(t) });
      expect(text).toContain(`团队本月进度**（${w.elapsed}）`);
      expect(text).toMatch(/回款额 [\d.]+万 \/ 目标 [\d.]+万 · 达成 [\d.]+% · (⚠️ 进度落后|✅ 进度领先)（应达 [\d.]+万）/);
      expect(text).toContain('本周商机**：新增 1 · 推进 1 · 赢单 1 · 输单 1');
      expect(text).toContain(`• 李四 · S102客户1：发报价单（应于 ${w.days.before}）`);
      expect(text).toMatch(/\*\*李四\*\* 回款额差 [\d.]+万 · 签约额差 [\d.]+万 · 本周拜访 0 · 逾期下一步 1/);
      expect(text).toMatch(/\*\*张三\*\* 回款额差 [\d.]+万 · 签约额差 [\d.]+万 · 本周拜访 3\n/);
      expect(text).toMatch(/\*\*本周无拜访\*\*（\d+ 人）：[^\n]*李四/);
      // The other team's manager sees none of it.
      expect(replyText({ type: 'card', card: await managerCard(t, 'S200') })).not.toContain('张三');
    });
  }

  // A day and the next, in Shanghai: month end, the year's last half hour, and a leap day.
  const days = [
    { name: 'Monday and Tuesday', first: '2026-11-30T09:30:00+08:00', again: '2026-11-30T17:00:00+08:00', next: '2026-12-01T08:00:00+08:00' },
    { name: 'New Year’s Eve and New Year’s Day', first: '2026-12-31T23:10:00+08:00', again: '2026-12-31T23:50:00+08:00', next: '2027-01-01T00:10:00+08:00' },
    { name: '29 February and 1 March', first: '2028-02-29T10:00:00+08:00', again: '2028-02-29T18:00:00+08:00', next: '2028-03-01T09:00:00+08:00' },
  ];
  for (const d of days) {
    it(`催一下 (${d.name}): the rep gets one nudge a day, a second click that day says it was sent`, async () => {
      t = await createTestApp({ now: '2026-11-30T09:00:00+08:00' });
      await seedTeam(t, weeks[0]!.days);
      await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: t.clock.now });
      const card = await managerCard(t);
      const zhangId = (await t.app.botDeps.org.getUserByEmployeeNo('S101'))!.id;
      const nudge = card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons : [])).find((b) => b.label === '催一下' && b.action.args?.userId === String(zhangId));
      expect(nudge, '张三 has a 催一下 button').toBeDefined();
      const manager = sandboxChat(t.app, 'S100');
      const click = () => manager.click(undefined, { command: nudge!.action.command, args: nudge!.action.args ?? {} });

      t.clock.set(d.first);
      expect((await click()).toast).toEqual({ kind: 'success', text: '已提醒 张三' });
      t.clock.set(d.again);
      expect((await click()).toast).toEqual({ kind: 'info', text: '今天已经提醒过 张三 了，明天可再催' });
      await deliverAll(t);
      const once = await nudgesTo(t, 'S101');
      expect(once).toHaveLength(1);
      expect(replyText(once[0]!)).toContain('王经理 提醒你跟进业绩');

      t.clock.set(d.next);
      expect((await click()).toast).toEqual({ kind: 'success', text: '已提醒 张三' });
      await deliverAll(t);
      expect(await nudgesTo(t, 'S101')).toHaveLength(2);
      // Nothing reached the manager's own chat but the toast.
      expect(await nudgesTo(t, 'S100')).toEqual([]);
    });
  }

  it('催一下 for someone outside the team is refused, and nothing is queued', async () => {
    t = await createTestApp({ now: '2026-11-30T09:00:00+08:00' });
    const outsider = (await t.app.botDeps.org.getUserByEmployeeNo('S201'))!.id;
    const answer = await sandboxChat(t.app, 'S100').click(undefined, { command: 'nudge', args: { userId: String(outsider) } });
    expect(answer.toast).toMatchObject({ kind: 'error', text: expect.stringContaining('只能提醒自己团队的成员') });
    await deliverAll(t);
    expect(await nudgesTo(t, 'S201')).toEqual([]);
  });

  it('查看 opens the rep’s dashboard in the H5 as the manager: the link’s route and period reach that rep’s scorecard', async () => {
    t = await createTestApp({ now: '2026-11-30T09:00:00+08:00' });
    await seedTeam(t, weeks[0]!.days);
    await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: t.clock.now });
    const card = await managerCard(t);
    const link = card.elements.find((e) => e.type === 'link' && e.label === '查看 李四');
    expect(link?.type === 'link' && link.url).toMatch(/\/app\/#\/dashboard\?period=2026-11&userId=\d+$/);
    const url = new URL((link as { url: string }).url);
    const [route, query] = url.hash.slice(1).split('?') as [string, string];
    expect(route).toBe('/dashboard');
    const params = new URLSearchParams(query);
    // What the dashboard page asks the API for, with the manager's own session.
    const manager = await devLogin(t.app, 'S100');
    const score = await manager.get(`/api/scorecard?period=${params.get('period')}&userId=${params.get('userId')}`);
    expect(score.statusCode, score.body).toBe(200);
    expect(score.json()).toMatchObject({ period: { key: '2026-11' }, scorecard: { name: '李四' } });
    // The same link in another team's manager's hands shows nothing of 李四.
    const other = await devLogin(t.app, 'S200');
    expect([403, 404]).toContain((await other.get(`/api/scorecard?period=2026-11&userId=${params.get('userId')}`)).statusCode);
    expect(findButton(card, '催一下')).toBeDefined();
  });
});
