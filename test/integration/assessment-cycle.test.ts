import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeSql, queryRows } from '../../src/db/dialect.js';
import { cardToText } from '../../src/domain/card-model.js';
import { admin, buttonAction, cardsOf, flush, hasButtons, latestCard, seedNovember, userIdOf } from '../helpers/assessment.js';
import { sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

/** The whole cycle through the sandbox chat: every click is a real card action through the bot pipeline. */
describe('assessment cycle', () => {
  let t: TestApp;
  beforeEach(async () => {
    // Tuesday 1 December 08:00: November has just closed.
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    await seedNovember(t.db);
  });
  afterEach(async () => t.close());

  const status = async (departmentName: string) =>
    (await queryRows<{ status: string; version: number }>(t.db, sql`SELECT a.status, a.version FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = ${departmentName}`))[0];
  // Both drivers' errors come wrapped by drizzle ("Failed query …"), the database's own message as the cause.
  const refusedAsAppendOnly = { cause: { message: expect.stringMatching(/append-only/) } };
  const auditActions = async () => {
    const res = await admin(t.app, 'GET', '/admin/audit?period=2026-11');
    expect(res.statusCode).toBe(200);
    return (res.json() as { entries: { action: string; source: string; actorUserId: number | null }[] }).entries;
  };

  it('period close → review → adjust → submit → non-HR refused → reject → resubmit → approve → results → appeal → uphold, all audited in order', async () => {
    const run = await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    expect(run.statusCode, run.body).toBe(200);
    // 华东一组, 华南二组, and 销售部 holding their two managers' own results (reviewed one level up by 周总监).
    expect(run.json()).toMatchObject({ status: 'succeeded', result: { details: { created: 3 } } });
    await flush(t.app);

    // The manager's review card lists the team with frozen totals.
    const manager = sandboxChat(t.app, 'S100');
    let review = await latestCard(t.app, 'S100', 'assessment-review');
    expect(review.card.title).toContain('华东一组');
    expect(cardToText(review.card)).toContain('张三');
    const s101 = (await userIdOf(t.db, 'S101'));

    // Beyond the bound: refused with the reason, nothing stored.
    const adjustAction = buttonAction(review.card, '保存调整');
    const tooMuch = await manager.click(review, adjustAction, { rep: String(s101), points: '+12', reason: '大客户攻坚' });
    expect(tooMuch.toast).toMatchObject({ kind: 'error', text: expect.stringContaining('±10') });
    const noReason = await manager.click(review, adjustAction, { rep: String(s101), points: '+3', reason: ' ' });
    expect(noReason.toast?.kind).toBe('error');
    expect((await queryRows<{ adjustment_centi: number }>(t.db, sql`SELECT adjustment_centi FROM assessment_results WHERE user_id = ${s101}`))[0]!.adjustment_centi).toBe(0);

    const adjusted = await manager.click(review, adjustAction, { rep: String(s101), points: '+3', reason: '大客户攻坚' });
    expect(adjusted.toast?.kind).toBe('success');
    expect(cardToText(adjusted.card!)).toContain('调整 +3（大客户攻坚）');

    review = await latestCard(t.app, 'S100', 'assessment-review');
    const submitted = await manager.click(review, buttonAction(review.card, '提交审批'));
    expect(submitted.toast?.kind).toBe('success');
    // Submitted: nothing left to adjust or submit, only 撤回 until HR decides.
    expect(submitted.card!.elements.flatMap((e) => (e.type === 'actions' ? e.buttons.map((b) => b.label) : e.type === 'form' ? [e.name] : []))).toEqual(['撤回']);
    expect((await status('华东一组'))?.status).toBe('pending_approval');
    await flush(t.app);

    // Every HR user (H001 and A001) gets the approval card with the adjustment and its reason.
    const hrCard = await latestCard(t.app, 'H001', 'assessment-approval');
    const adminHrCard = await latestCard(t.app, 'A001', 'assessment-approval');
    expect(cardToText(hrCard.card)).toContain('张三 +3：大客户攻坚');
    expect(cardToText(hrCard.card)).toMatch(/强制分布/);

    // A rep clicking 通过 (e.g. a forwarded card): error toast, nothing changes.
    const auditBefore = (await auditActions()).length;
    const intruder = await sandboxChat(t.app, 'S101').click(undefined, buttonAction(hrCard.card, '通过'));
    expect(intruder.toast?.kind).toBe('error');
    expect(intruder.card).toBeUndefined();
    expect((await status('华东一组'))?.status).toBe('pending_approval');
    expect((await auditActions()).length).toBe(auditBefore);

    // HR rejects: 驳回 opens the reason form, the submit sends it back to the manager.
    const hr = sandboxChat(t.app, 'H001');
    const form = await hr.click(hrCard, buttonAction(hrCard.card, '驳回'));
    expect(form.card?.elements.some((e) => e.type === 'form')).toBe(true);
    const rejected = await hr.click(hrCard, buttonAction(form.card!, '确认驳回'), { reason: '张三的调整需附客户证明' });
    expect(rejected.toast?.kind).toBe('success');
    expect((await status('华东一组'))?.status).toBe('in_review');
    await flush(t.app);
    // The other HR user's copy shows the outcome, without live buttons.
    const otherCopy = await latestCard(t.app, 'A001', 'assessment-approval');
    expect(otherCopy.id).toBe(adminHrCard.id);
    expect(hasButtons(otherCopy.card)).toBe(false);
    expect(cardToText(otherCopy.card)).toContain('驳回：张三的调整需附客户证明');
    expect(hasButtons((await latestCard(t.app, 'H001', 'assessment-approval')).card)).toBe(false);

    // Back to the manager, with the reason; they resubmit.
    review = await latestCard(t.app, 'S100', 'assessment-review');
    expect(cardToText(review.card)).toContain('张三的调整需附客户证明');
    await manager.click(review, buttonAction(review.card, '提交审批'));
    expect((await status('华东一组'))?.status).toBe('pending_approval');
    await flush(t.app);

    // A click on the first round's card (resubmitted since) is refused as out of date.
    const stale = await hr.click(hrCard, buttonAction(hrCard.card, '通过'));
    expect(stale.toast).toMatchObject({ kind: 'warning', text: expect.stringContaining('过期') });
    expect((await status('华东一组'))?.status).toBe('pending_approval');

    // The new round: A001 approves; H001's copy then shows who approved.
    const round2 = await latestCard(t.app, 'A001', 'assessment-approval');
    expect(round2.id).not.toBe(adminHrCard.id);
    const approved = await sandboxChat(t.app, 'A001').click(round2, buttonAction(round2.card, '通过'));
    expect(approved.toast?.kind).toBe('success');
    expect((await status('华东一组'))?.status).toBe('approved');
    await flush(t.app);
    const hrRound2 = await latestCard(t.app, 'H001', 'assessment-approval');
    expect(hasButtons(hrRound2.card)).toBe(false);
    expect(cardToText(hrRound2.card)).toContain('已由 系统管理员');

    // Every rep of the department gets their result card, lines explained, adjustment and reason shown.
    for (const rep of ['S101', 'S102', 'S103', 'S104', 'S105']) expect(await cardsOf(t.app, rep, 'assessment-result')).toHaveLength(1);
    // The manager's own result is not in their team's review: it waits for 销售部's, one level up.
    expect(await cardsOf(t.app, 'S100', 'assessment-result')).toHaveLength(0);
    const result = await latestCard(t.app, 'S101', 'assessment-result');
    expect(cardToText(result.card)).toContain('经理调整 +3：大客户攻坚');
    expect(cardToText(result.card)).toContain('总分 =');

    // S102 appeals naming an indicator; the manager and HR get the appeal card.
    const s102 = sandboxChat(t.app, 'S102');
    const s102Result = await latestCard(t.app, 'S102', 'assessment-result');
    const appealForm = await s102.click(s102Result, buttonAction(s102Result.card, '申诉'));
    const indicatorInput = appealForm.card?.elements.flatMap((e) => (e.type === 'form' ? e.inputs : [])).find((i) => i.name === 'indicator');
    const indicator = indicatorInput?.options?.[0]?.value as string;
    const appealed = await s102.click(s102Result, buttonAction(appealForm.card!, '提交申诉'), { reason: '11 月 28 日的回款漏算了', indicator });
    expect(appealed.toast?.kind).toBe('success');
    await flush(t.app);
    const appealCard = await latestCard(t.app, 'H001', 'assessment-appeal');
    expect(cardToText(appealCard.card)).toContain('11 月 28 日的回款漏算了');
    expect(await cardsOf(t.app, 'S100', 'assessment-appeal')).toHaveLength(1);

    // HR upholds; the manager's copy shows the resolution; the rep is told.
    const upheld = await hr.click(appealCard, buttonAction(appealCard.card, '处理申诉'), { outcome: 'uphold', reason: '回款到账日为 12 月 2 日，计入 12 月' });
    expect(upheld.toast?.kind).toBe('success');
    await flush(t.app);
    expect(hasButtons((await latestCard(t.app, 'S100', 'assessment-appeal')).card)).toBe(false);
    const s102Messages = await s102.transcript();
    expect(s102Messages.some((m) => m.payload.type === 'text' && m.payload.text.includes('申诉已处理'))).toBe(true);

    // The audit log lists every step, in order, with who and from which source.
    const entries = await auditActions();
    const steps = entries.map((e) => e.action).filter((a) => a !== 'assessment.result.publish' && a !== 'assessment.generate');
    expect(steps).toEqual(['assessment.adjust', 'assessment.submit', 'assessment.reject', 'assessment.submit', 'assessment.approve', 'assessment.result.appeal', 'assessment.appeal.resolve']);
    expect(entries.filter((e) => e.action === 'assessment.generate')).toHaveLength(3);
    expect(entries.filter((e) => e.action === 'assessment.result.publish')).toHaveLength(5);
    expect(entries.find((e) => e.action === 'assessment.approve')).toMatchObject({ source: 'sandbox', actorUserId: (await userIdOf(t.db, 'A001')) });
    expect(entries.find((e) => e.action === 'assessment.generate')).toMatchObject({ source: 'job', actorUserId: null });
  });

  it('a rerun of the period creates nothing twice', async () => {
    await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    await flush(t.app);
    await executeSql(t.db, sql`DELETE FROM job_runs WHERE job = 'assessment'`);
    const again = await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    expect(again.json()).toMatchObject({ result: { details: { created: 0, existing: 3 } } });
    await flush(t.app);
    expect(await cardsOf(t.app, 'S100', 'assessment-review')).toHaveLength(1);
  });

  it('refuses a bad period for the job and the export', async () => {
    const bad = await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-13' });
    expect(bad.statusCode).toBe(400);
    const open = await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-12' });
    expect(open.json()).toMatchObject({ status: 'failed', error: expect.stringContaining('尚未结束') });
    expect(await queryRows(t.db, sql`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM assessments`)).toEqual([{ n: 0 }]);
    const export400 = await admin(t.app, 'GET', '/admin/assessments/2026-1/export.xlsx');
    expect(export400.statusCode).toBe(400);
    const none = await admin(t.app, 'GET', '/admin/assessments/2026-11/export.xlsx');
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toContain('没有已审批的考核');
    const unauthorised = await t.app.inject({ method: 'GET', url: '/admin/audit' });
    expect(unauthorised.statusCode).toBe(401);
  });

  it('the audit log cannot be edited: no route changes it and the database refuses updates and deletes', async () => {
    await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    const entries = (await admin(t.app, 'GET', '/admin/audit?entity=assessment')).json().entries as { id: number }[];
    expect(entries.length).toBe(3);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: `/admin/audit`, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
      expect(res.statusCode).toBe(404);
    }
    await expect(executeSql(t.db, sql`UPDATE audit_log SET action = 'forged' WHERE id = ${entries[0]!.id}`)).rejects.toMatchObject(refusedAsAppendOnly);
    await expect(executeSql(t.db, sql`DELETE FROM audit_log`)).rejects.toMatchObject(refusedAsAppendOnly);
    expect((await admin(t.app, 'GET', '/admin/audit?entity=assessment')).json().entries).toEqual(entries);
  });
});
