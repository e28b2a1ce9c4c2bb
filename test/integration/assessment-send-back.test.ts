import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows, tablesOf } from '../../src/db/dialect.js';
import { cardToText, type CardModel } from '../../src/domain/card-model.js';
import { renderFeishuCard } from '../../src/platforms/feishu/render-card.js';
import { admin, buttonAction, flush, latestCard, seedNovember, userIdOf } from '../helpers/assessment.js';
import { findButton, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { devLogin } from '../helpers/web-session.js';

/**
 * HR at month end, review and approval: the manager's own result goes one level up, the review card
 * asks before submitting, HR sends back one person with a comment, the manager withdraws before HR
 * decides, and a resubmission shows HR what changed. The chat and the H5 pages call the same features.
 */
const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

async function closedNovember(): Promise<TestApp> {
  const t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
  apps.push(t);
  await seedNovember(t.db);
  expect((await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' })).statusCode).toBe(200);
  await flush(t.app);
  return t;
}

const row = async (t: TestApp, department: string) =>
  (
    await queryRows<{ id: number; status: string; version: number; managerUserId: number | null }>(
      t.db,
      sql`SELECT a.id, a.status, a.version, a.manager_user_id AS "managerUserId" FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = ${department}`,
    )
  )[0]!;
const membersOf = async (t: TestApp, department: string) =>
  (await queryRows<{ no: string }>(t.db, sql`SELECT u.employee_no AS no FROM assessment_results r JOIN users u ON u.id = r.user_id WHERE r.assessment_id = ${(await row(t, department)).id} ORDER BY u.employee_no`)).map((r) => r.no);
/** Through the table so that `after` reads as JSON on both databases (text on SQLite, jsonb on PostgreSQL). */
const steps = (t: TestApp) => {
  const { auditLog } = tablesOf(t.db);
  return t.db
    .select({ action: auditLog.action, source: auditLog.source, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'assessment'), ne(auditLog.action, 'assessment.generate')))
    .orderBy(asc(auditLog.id));
};
const selectOf = (card: CardModel, name: string) => card.elements.flatMap((e) => (e.type === 'form' ? e.inputs : [])).find((i) => i.name === name);
const eastApproval = async (t: TestApp) => latestCard(t.app, 'H001', 'assessment-approval').then((m) => (m.card.title.includes('华东一组') ? m : Promise.reject(new Error(m.card.title))));

describe('review card', () => {
  it('the manager’s own result is reviewed one level up, never in their own team’s review; none is pre-selected', async () => {
    const t = await closedNovember();
    expect(await membersOf(t, '华东一组')).toEqual(['S101', 'S102', 'S103', 'S104', 'S105']);
    expect(await membersOf(t, '销售部')).toEqual(['S100', 'S200']);
    expect((await row(t, '销售部')).managerUserId).toBe((await userIdOf(t.db, 'S000')));
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    const rep = selectOf(review.card, 'rep');
    expect(rep?.options?.map((o) => o.value)).not.toContain(String((await userIdOf(t.db, 'S100'))));
    expect(rep?.value).toBeUndefined();
    expect(cardToText((await latestCard(t.app, 'S000', 'assessment-review')).card)).toContain('王经理');
  });

  it('submitting asks for confirmation on the card, as Feishu shows it', async () => {
    const t = await closedNovember();
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    const submit = findButton(review.card, '提交审批');
    expect(submit.confirm).toEqual({ title: '确认提交审批？', text: expect.stringContaining('5 人的结果') });
    const feishu = JSON.stringify(renderFeishuCard(review.card, { publicBaseUrl: 'https://kpi.example.com' }).card);
    expect(feishu).toContain('"confirm":{"title":{"tag":"plain_text","content":"确认提交审批？"}');
  });
});

describe('send back one person, withdraw, resubmit (chat)', () => {
  it('the manager withdraws, HR sends back 钱多多 only, the manager re-reviews her alone and HR sees before → after', async () => {
    const t = await closedNovember();
    const manager = sandboxChat(t.app, 'S100');
    const hr = sandboxChat(t.app, 'H001');
    let review = await latestCard(t.app, 'S100', 'assessment-review');
    await manager.click(review, buttonAction(review.card, '保存调整'), { rep: String((await userIdOf(t.db, 'S104'))), points: '+3', reason: '大客户贡献' });
    review = await latestCard(t.app, 'S100', 'assessment-review');
    const submitted = await manager.click(review, buttonAction(review.card, '提交审批'));
    await flush(t.app);

    // Before HR decides the manager takes it back; HR's copy says it is out of date.
    const withdrawn = await manager.click(review, buttonAction(submitted.card!, '撤回'));
    expect(withdrawn.toast).toMatchObject({ kind: 'success', text: expect.stringContaining('已撤回') });
    await flush(t.app);
    expect((await row(t, '华东一组')).status).toBe('in_review');
    expect(cardToText((await eastApproval(t)).card)).toContain('已过期');
    review = await latestCard(t.app, 'S100', 'assessment-review');
    await manager.click(review, buttonAction(review.card, '提交审批'));
    await flush(t.app);

    // HR sends back only 钱多多, with a comment.
    const approval = await eastApproval(t);
    const form = await hr.click(approval, buttonAction(approval.card, '驳回'));
    const sentBack = await hr.click(approval, buttonAction(form.card!, '确认驳回'), { reason: '钱多多的调整缺少依据', rep: String((await userIdOf(t.db, 'S104'))) }, );
    expect(sentBack.toast).toMatchObject({ kind: 'success', text: expect.stringContaining('已退回所选人员') });
    await flush(t.app);

    // The manager gets her back; the others stay as submitted.
    review = await latestCard(t.app, 'S100', 'assessment-review');
    expect(cardToText(review.card)).toContain('HR 退回了：钱多多');
    expect(selectOf(review.card, 'rep')?.options?.map((o) => o.value)).toEqual([String((await userIdOf(t.db, 'S104')))]);
    const other = await manager.click(review, buttonAction(review.card, '保存调整'), { rep: String((await userIdOf(t.db, 'S101'))), points: '+1', reason: '补充' });
    expect(other.toast).toMatchObject({ kind: 'error', text: expect.stringContaining('只退回了部分人员') });
    await manager.click(review, buttonAction(review.card, '保存调整'), { rep: String((await userIdOf(t.db, 'S104'))), points: '+1', reason: '回款提前到账' });
    review = await latestCard(t.app, 'S100', 'assessment-review');
    await manager.click(review, buttonAction(review.card, '提交审批'));
    await flush(t.app);

    const resubmitted = cardToText((await eastApproval(t)).card);
    expect(resubmitted).toContain('与上次提交相比的变化');
    expect(resubmitted).toMatch(/钱多多：[\d.]+ → [\d.]+（回款提前到账）/);
    expect(resubmitted).not.toMatch(/张三：/);

    const trail = (await steps(t)).map((s) => [s.action, s.source]);
    expect(trail).toEqual([
      ['assessment.submit', 'sandbox'],
      ['assessment.withdraw', 'sandbox'],
      ['assessment.submit', 'sandbox'],
      ['assessment.send-back', 'sandbox'],
      ['assessment.submit', 'sandbox'],
    ]);
    expect((await steps(t))[3]!.after).toMatchObject({ reason: '钱多多的调整缺少依据', repUserIds: [(await userIdOf(t.db, 'S104'))] });
  });
});

describe('send back one person, withdraw (H5): the same features', () => {
  it('the same steps through the pages leave the same trail, with the same refusals', async () => {
    const t = await closedNovember();
    const east = () => row(t, '华东一组');
    const manager = await devLogin(t.app, 'S100');
    const hr = await devLogin(t.app, 'H001');
    expect((await manager.post(`/api/assessments/${(await east()).id}/submit`, { version: (await east()).version })).statusCode).toBe(200);
    const notYours = await hr.post(`/api/assessments/${(await east()).id}/withdraw`, { version: (await east()).version });
    expect(notYours.statusCode).toBe(403);
    expect((await manager.post(`/api/assessments/${(await east()).id}/withdraw`, { version: (await east()).version })).statusCode).toBe(200);
    const again = await manager.post(`/api/assessments/${(await east()).id}/withdraw`, { version: (await east()).version });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('只有待 HR 审批的复核可以撤回');
    expect((await manager.post(`/api/assessments/${(await east()).id}/submit`, { version: (await east()).version })).statusCode).toBe(200);
    const noComment = await hr.post(`/api/assessments/${(await east()).id}/decision`, { version: (await east()).version, decision: 'send-back', repUserIds: [(await userIdOf(t.db, 'S104'))], reason: '' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().message).toContain('退回必须填写意见');
    const sent = await hr.post(`/api/assessments/${(await east()).id}/decision`, { version: (await east()).version, decision: 'send-back', repUserIds: [(await userIdOf(t.db, 'S104'))], reason: '钱多多的调整缺少依据' });
    expect(sent.statusCode, sent.body).toBe(200);
    const other = await manager.post(`/api/assessments/${(await east()).id}/adjust`, { repUserId: (await userIdOf(t.db, 'S101')), points: '+1', reason: '补充' });
    expect(other.statusCode).toBe(409);
    expect((await steps(t)).map((s) => [s.action, s.source])).toEqual([
      ['assessment.submit', 'h5'],
      ['assessment.withdraw', 'h5'],
      ['assessment.submit', 'h5'],
      ['assessment.send-back', 'h5'],
    ]);
  });
});
