import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../../src/db/dialect.js';
import { seedNovember, userIdOf } from '../../helpers/assessment.js';
import { TEST_ADMIN_TOKEN } from '../../helpers/test-app.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { nth, wasRefused, type Journey, type Seen } from '../../helpers/journeys/types.js';

/** The assessment journey and the export of its results; the table in flows.ts runs them on every transport. */

const DECEMBER_FIRST = '2026-12-01T08:00:00+08:00';

async function status(j: Journey): Promise<string> {
  return (await queryRows<{ status: string }>(j.t.db, sql`SELECT a.status FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华东一组' AND a.period_key = '2026-11'`))[0]!.status;
}

/** November closed by the monthly job (run with the clock on 1 December), review cards delivered. */
export async function closeNovember(j: Journey): Promise<void> {
  await seedNovember(j.t.db);
  j.t.clock.set(DECEMBER_FIRST);
  const run = await j.t.app.inject({ method: 'POST', url: '/admin/jobs/assessment/run', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { period: '2026-11' } });
  expect(run.statusCode, run.body).toBe(200);
  await j.deliverQueued();
}

/** Manager review → HR 驳回 → resubmit → HR 通过: the approved state the result and export steps start from. */
async function reviewAndApprove(j: Journey): Promise<void> {
  const review = nth(j, 'S100', '华东一组 2026-11 考核复核');
  const adjusted = await j.click('S100', review, '保存调整', { rep: String((await userIdOf(j.t.db, 'S101'))), points: '+2', reason: '大客户攻坚' });
  expect(adjusted.toast).toMatchObject({ kind: 'success' });
  const submitted = await j.click('S100', adjusted.card ?? review, '提交审批');
  expect(submitted.toast).toMatchObject({ kind: 'success' });
  await j.deliverQueued();

  // A rep clicking 通过 on an HR card is refused; nothing changes.
  const approval = nth(j, 'H001', '考核审批');
  expect(approval.text).toContain('大客户攻坚');
  expect(wasRefused(await j.click('S101', approval, '通过'))).toBe(true);
  expect(await status(j)).toBe('pending_approval');

  const form = await j.click('H001', approval, '驳回');
  const rejected = await j.click('H001', form.card ?? approval, '确认驳回', { reason: '调整需附客户证明' });
  expect(rejected.toast).toMatchObject({ kind: 'success' });
  expect(await status(j)).toBe('in_review');
  await j.deliverQueued();
  // The other HR user's copy now shows the outcome, without buttons.
  expect(nth(j, 'A001', '考核审批').buttons).toEqual([]);

  const review2 = nth(j, 'S100', '考核复核', 2);
  expect(review2.text).toContain('调整需附客户证明');
  expect((await j.click('S100', review2, '提交审批')).toast).toMatchObject({ kind: 'success' });
  await j.deliverQueued();
  const approved = await j.click('A001', nth(j, 'A001', '考核审批', 2), '通过');
  expect(approved.toast).toMatchObject({ kind: 'success' });
  expect(await status(j)).toBe('approved');
  await j.deliverQueued();
}

export async function assessmentCycle(j: Journey): Promise<void> {
  await closeNovember(j);
  await reviewAndApprove(j);

  // Every rep of the team gets a result card; S101 acknowledges, S102 appeals, HR upholds.
  // With the shipped eight-line template each result card lists every indicator and keeps 确认 / 申诉.
  for (const rep of ['S101', 'S102', 'S103', 'S104', 'S105']) {
    const card = nth(j, rep, '2026-11 考核结果');
    for (const indicator of ['回款额', '签约额', '拜访次数', '新增客户', '赢单率', '客户满意度', '未解决投诉', '培训时长']) expect(card.text).toContain(indicator);
    expect(card.buttons.map((b) => b.label)).toEqual(expect.arrayContaining(['确认', '申诉']));
  }
  const acknowledged = await j.click('S101', nth(j, 'S101', '2026-11 考核结果'), '确认');
  expect(acknowledged.toast).toMatchObject({ kind: 'success', text: '已确认，谢谢' });

  const result = nth(j, 'S102', '2026-11 考核结果');
  const appealForm = await j.click('S102', result, '申诉');
  const appealed = await j.click('S102', appealForm.card ?? result, '提交申诉', { reason: '11 月 30 日的回款漏算了', indicator: 'payments_collected' });
  expect(appealed.toast, appealed.toast?.text).toMatchObject({ kind: 'success' });
  await j.deliverQueued();
  const appeal = nth(j, 'H001', '考核申诉');
  expect(appeal.text).toContain('11 月 30 日的回款漏算了');
  const upheld = await j.click('H001', appeal, '处理申诉', { outcome: 'uphold', reason: '回款 12 月到账，计入 12 月' });
  expect(upheld.toast).toMatchObject({ kind: 'success' });
  await j.deliverQueued();
  expect(nth(j, 'S100', '考核申诉').buttons).toEqual([]);

  const steps = await queryRows<{ action: string; source: string }>(
    j.t.db,
    sql`SELECT action, source FROM audit_log WHERE action LIKE 'assessment.%' AND action NOT IN ('assessment.generate', 'assessment.result.publish') ORDER BY id`,
  );
  expect(steps.map((s) => s.action)).toEqual(['assessment.adjust', 'assessment.submit', 'assessment.reject', 'assessment.submit', 'assessment.approve', 'assessment.result.acknowledge', 'assessment.result.appeal', 'assessment.appeal.resolve']);
  expect(new Set(steps.map((s) => s.source))).toEqual(new Set([j.platform]));
}

export async function exportResults(j: Journey): Promise<void> {
  await closeNovember(j);
  await reviewAndApprove(j);
  // A rep may not export; HR gets the workbook as a file in their 1:1 chat.
  const [refused] = await j.say('S101', '导出 2026-11');
  expect(refused?.text).toContain('你没有权限执行此操作');
  await j.say('H001', '导出 2026-11');
  await j.deliverQueued();
  expect(j.uploads().map((u) => u.fileName)).toEqual(['assessment-2026-11.xlsx']);
  expect(j.inbox('H001').filter((m) => m.kind === 'file').map((m) => m.fileName)).toEqual(['assessment-2026-11.xlsx']);
}

/** 华北大组: a manager who is also a rep and 26 reps, more than the 20 a review or approval card shows a page. */
const BIG_TEAM_SIZE = 26;
const bigTeamRep = (n: number) => ({ name: `北区${String(n).padStart(2, '0')}号`, employeeNo: `S${300 + n}` });
const BIG_TEAM: Record<string, string>[] = [
  { department: '销售部/华北大组', name: '赵经理', employee_no: 'S300', roles: 'manager,rep', is_leader: '是', manager_employee_no: 'S000' },
  ...Array.from({ length: BIG_TEAM_SIZE }, (_, i) => ({ department: '销售部/华北大组', name: bigTeamRep(i + 1).name, employee_no: bigTeamRep(i + 1).employeeNo, roles: 'rep' })),
];

/** The team's reps (not the manager, who may be named as reviewer too) named on a card. */
const REP_NAMES = BIG_TEAM.slice(1).map((row) => row.name as string);
const repsOn = (seen: Seen): string[] => REP_NAMES.filter((name) => seen.text.includes(name));

/** A department bigger than a page: the review and approval cards page; HR reads page 2 with 下一页 and approves. */
export async function bigDepartment(j: Journey): Promise<void> {
  await j.addPeople(BIG_TEAM);
  for (let n = 1; n <= BIG_TEAM_SIZE; n += 1) {
    const rep = await kpiRecords(j.t.db, bigTeamRep(n).employeeNo);
    const customer = await rep.customer();
    await rep.visits([customer], 2 + (n % 9), '2026-11-16');
    await rep.payment(await rep.deal(customer, 1_000_000 + n * 250_000, 'won', '2026-11-09'), customer, 1_000_000 + n * 250_000, '2026-11-19');
  }
  j.t.clock.set(DECEMBER_FIRST);
  const run = await j.t.app.inject({ method: 'POST', url: '/admin/jobs/assessment/run', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { period: '2026-11' } });
  expect(run.statusCode, run.body).toBe(200);
  await j.deliverQueued();

  const review = nth(j, 'S300', '华北大组 2026-11 考核复核');
  expect(review.text).toContain('第 1/2 页');
  // 27 people (the manager is a rep of the team too), 20 on this page.
  expect(repsOn(review).length).toBeGreaterThanOrEqual(19);
  expect(repsOn(review).length).toBeLessThan(BIG_TEAM_SIZE);
  const submitted = await j.click('S300', review, '提交审批');
  expect(submitted.toast, submitted.toast?.text).toMatchObject({ kind: 'success' });
  await j.deliverQueued();

  const approval = nth(j, 'H001', '华北大组 2026-11 考核审批');
  expect(approval.text).toContain('第 1/2 页');
  expect(approval.buttons.map((b) => b.label)).toEqual(expect.arrayContaining(['下一页', '通过', '驳回']));
  const firstPage = repsOn(approval);
  expect(firstPage.length).toBeLessThan(BIG_TEAM_SIZE);

  const next = await j.click('H001', approval, '下一页');
  const secondPage = next.card;
  expect(secondPage, 'the approval card at page 2').toBeDefined();
  expect(secondPage!.text).toContain('第 2/2 页');
  expect(secondPage!.buttons.map((b) => b.label)).toEqual(expect.arrayContaining(['上一页', '通过', '驳回']));
  // The second page shows the rest: together the two pages name every rep, each once.
  expect(firstPage.length + repsOn(secondPage!).length).toBe(BIG_TEAM_SIZE);
  expect(new Set([...firstPage, ...repsOn(secondPage!)]).size).toBe(BIG_TEAM_SIZE);

  const approved = await j.click('H001', secondPage!, '通过');
  expect(approved.toast, approved.toast?.text).toMatchObject({ kind: 'success' });
  const [state] = await queryRows<{ status: string }>(j.t.db, sql`SELECT a.status FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华北大组' AND a.period_key = '2026-11'`);
  expect(state!.status).toBe('approved');
  await j.deliverQueued();
  for (let n = 1; n <= BIG_TEAM_SIZE; n += 1) expect(nth(j, bigTeamRep(n).employeeNo, '2026-11 考核结果').buttons.map((b) => b.label)).toEqual(expect.arrayContaining(['确认', '申诉']));
}
