import { sql, type SQL } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../../src/db/dialect.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { nth, type Journey } from '../../helpers/journeys/types.js';

/** Journeys of the records, KPI and report commands; the table in flows.ts runs each on every transport. */

const count = async (j: Journey, query: SQL): Promise<number> => Number((await queryRows<{ n: number | string }>(j.t.db, query))[0]!.n);
const visitsOf = (j: Journey, customer: string) => count(j, sql`SELECT count(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = ${customer}`);

export async function visitLogEditUndo(j: Journey): Promise<void> {
  const [customer] = await j.say('S101', '客户 华为技术 直销');
  expect(customer?.text).toContain('华为技术');
  const [saved] = await j.say('S101', '拜访 华为技术 聊了采购计划');
  expect(saved?.text).toContain('华为技术');
  expect(await visitsOf(j, '华为技术')).toBe(1);

  // 编辑 sends the stored visit as a form; submitting it changes the record.
  const before = j.inbox('S101').length;
  await j.click('S101', saved!, '编辑');
  const form = j.inbox('S101').slice(before).find((m) => m.buttons.length > 0);
  expect(form, 'the edit form').toBeDefined();
  const edited = await j.click('S101', form!, '保存', { visitDate: '2026-11-26', kind: 'phone', notes: '确认了预算' });
  expect(edited.toast).toMatchObject({ kind: 'success', text: '已修改拜访 ✓' });
  expect(await queryRows(j.t.db, sql`SELECT visit_date AS d, kind, notes FROM visits`)).toEqual([{ d: '2026-11-26', kind: 'phone', notes: '确认了预算' }]);

  // 撤销 on the confirmation removes it; a second click is told it is gone.
  const undone = await j.click('S101', saved!, '撤销');
  expect(undone.toast?.text).toContain('已撤销拜访');
  expect(await visitsOf(j, '华为技术')).toBe(0);
  expect((await j.click('S101', saved!, '撤销')).toast?.text).toBe('这条记录已经撤销过了。');
}

/** The platform delivers one message four times (retries, re-pushes): one visit, one reply. */
export async function retriedDelivery(j: Journey): Promise<void> {
  await j.say('S101', '客户 华为技术 直销');
  const sentBefore = j.sentCount();
  const replies = await j.say('S101', '拜访 华为技术 聊了采购计划', { deliveries: 4 });
  // Later deliveries would have started their work by now (a wait, not a measurement).
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(replies).toHaveLength(1);
  expect(j.sentCount() - sentBefore).toBe(1);
  expect(await visitsOf(j, '华为技术')).toBe(1);
}

export async function deal(j: Journey): Promise<void> {
  await j.say('S101', '客户 华为技术 直销');
  const [saved] = await j.say('S101', '成交 华为技术 5万 服务器');
  expect(saved?.text).toContain('华为技术');
  // A won deal also offers the customer survey link; let every reply of the deal arrive before the next message.
  await j.deliverQueued();
  expect(j.inbox('S101').some((m) => m.text.includes('发满意度调查'))).toBe(true);
  expect(await queryRows(j.t.db, sql`SELECT amount_fen AS fen, stage FROM deals`)).toEqual([{ fen: 5_000_000, stage: 'won' }]);
  const [paid] = await j.say('S101', '回款 华为技术 2万');
  expect(paid?.text).toContain('华为技术');
  expect(await count(j, sql`SELECT count(*) AS n FROM payments`)).toBe(1);
}

export async function performanceAndRanking(j: Journey): Promise<void> {
  for (const [employeeNo, visits, fen] of [['S101', 8, 3_000_000], ['S102', 3, 1_000_000]] as const) {
    const rep = await kpiRecords(j.t.db, employeeNo);
    const customer = await rep.customer();
    await rep.visits([customer], visits, '2026-11-20');
    await rep.payment(await rep.deal(customer, fen, 'won', '2026-11-10'), customer, fen, '2026-11-12');
  }
  const [mine] = await j.say('S101', '业绩');
  expect(mine?.text).toContain('张三');
  expect(mine?.text).toContain('3万');
  // The shipped eight-line template: every indicator on the card, and all of its buttons.
  for (const indicator of ['回款额', '签约额', '拜访次数', '新增客户', '赢单率', '客户满意度', '未解决投诉', '培训时长']) expect(mine?.text).toContain(indicator);
  for (const label of ['上一期', '排行', '目标']) expect(mine?.buttons.map((b) => b.label)).toContain(label);
  // The scorecard's 排行 button shows the team ranking (the same command as typing it).
  const fromCard = await j.click('S101', mine!, '排行');
  expect(fromCard.card?.text ?? j.inbox('S101').at(-1)?.text).toMatch(/排行|排名/);
  // The manager's ranking lists the team, 张三 (more collected) above 李四.
  const [ranking] = await j.say('S100', '排行');
  expect(ranking?.text).toMatch(/张三[\s\S]*李四/);
}

const MONDAY_0900 = '2026-11-30T09:00:00+08:00';

export async function weeklyCards(j: Journey): Promise<void> {
  const rep = await kpiRecords(j.t.db, 'S101');
  const customer = await rep.customer();
  await rep.visits([customer], 8, '2026-11-24');
  await rep.payment(await rep.deal(customer, 3_100_000, 'won', '2026-11-18'), customer, 2_100_000, '2026-11-25');
  j.t.clock.set(MONDAY_0900);
  const outcome = await j.t.app.jobs.run('weekly-report', { trigger: 'schedule', now: j.t.clock.now });
  expect(outcome).toMatchObject({ status: 'succeeded', periodKey: '2026-W48' });
  await j.deliverQueued();

  const weekly = nth(j, 'S101', '2026-W48 周报');
  expect(weekly.text).toContain('2026-11-23 ~ 2026-11-29');
  expect(nth(j, 'S100', '2026-W48 团队排行').text).toContain('张三');
  // The card's 记拜访 opens the visit form, through the same router as typed text.
  const before = j.inbox('S101').length;
  const answer = await j.click('S101', weekly, '记拜访');
  const form = answer.card ?? j.inbox('S101').slice(before)[0];
  expect(form?.buttons.some((b) => b.action.command === 'visit.submit'), JSON.stringify(form)).toBe(true);
}

const FRIDAY_1800 = '2026-11-27T18:00:00+08:00';

export async function alerts(j: Journey): Promise<void> {
  // Everyone visited today except 张三 (last visit Monday): one no-visit alert, to his manager.
  for (const employeeNo of ['S101', 'S102', 'S103', 'S104', 'S105']) {
    const rep = await kpiRecords(j.t.db, employeeNo);
    const customer = await rep.customer();
    await rep.visits([customer], 1, employeeNo === 'S101' ? '2026-11-23' : '2026-11-27');
  }
  j.t.clock.set(FRIDAY_1800);
  const outcome = await j.t.app.jobs.run('alerts', { trigger: 'schedule', now: j.t.clock.now });
  expect(outcome).toMatchObject({ status: 'succeeded', periodKey: '2026-11-27' });
  await j.deliverQueued();
  const alert = j.inbox('S100').find((m) => m.text.includes('长时间未拜访'));
  expect(alert?.text).toContain('张三 已连续 4 个工作日没有拜访记录');
  // Alerts go to managers, not to the reps themselves.
  expect(j.inbox('S101').filter((m) => m.text.includes('长时间未拜访'))).toEqual([]);
}

export async function h5Login(j: Journey): Promise<void> {
  const answer = await j.t.app.inject({ method: 'POST', url: `/api/login/${j.platform}`, payload: { code: j.loginCode('S100') } });
  expect(answer.statusCode, answer.body).toBe(200);
  const cookie = String(answer.headers['set-cookie']).split(';')[0] as string;
  const me = await j.t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  expect(me.json()).toMatchObject({ user: { employeeNo: 'S100' }, platform: j.platform });
  // A used code is refused.
  const again = await j.t.app.inject({ method: 'POST', url: `/api/login/${j.platform}`, payload: { code: 'sim-code-never-issued' } });
  expect(again.statusCode).toBe(401);
}
