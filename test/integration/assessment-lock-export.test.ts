import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppDatabase, openDatabase, openPgAppDatabase, type Db } from '../../src/db/client.js';
import { isPg, queryRows } from '../../src/db/dialect.js';
import { createAssessmentRepository } from '../../src/db/repositories/assessment-repository.js';
import { cardToText, type CardModel } from '../../src/domain/card-model.js';
import { admin, buttonAction, cardsOf, flush, latestCard, seedNovember, userIdOf } from '../helpers/assessment.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('assessment decisions, lock and export', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    await seedNovember(t.db);
    await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    await flush(t.app);
  });
  afterEach(async () => t.close());

  async function submit(managerNo: string): Promise<void> {
    const review = await latestCard(t.app, managerNo, 'assessment-review');
    const out = await sandboxChat(t.app, managerNo).click(review, buttonAction(review.card, '提交审批'));
    expect(out.toast?.kind).toBe('success');
    await flush(t.app);
  }

  async function approve(hrNo: string, department = '华东一组'): Promise<void> {
    const messages = await sandboxChat(t.app, hrNo).transcript();
    const card = messages.filter((m) => m.payload.type === 'card' && m.payload.card.template === 'assessment-approval' && m.payload.card.title.includes(department)).at(-1)!;
    const model = (card.payload as { card: CardModel }).card;
    const out = await sandboxChat(t.app, hrNo).click(card, buttonAction(model, '通过'));
    expect(out.toast?.kind).toBe('success');
    await flush(t.app);
  }

  const results = (departmentName: string) =>
    queryRows<{ employee_no: string; id: number; total_centi: number; grade: string; final_centi: number; final_grade: string; adjustment_centi: number; scorecard: unknown }>(
      t.db,
      sql`SELECT u.employee_no, r.id, r.total_centi, r.grade, r.final_centi, r.final_grade, r.adjustment_centi, r.scorecard FROM assessment_results r
          JOIN assessments a ON a.id = r.assessment_id JOIN departments d ON d.id = a.department_id JOIN users u ON u.id = r.user_id WHERE d.name = ${departmentName} ORDER BY u.employee_no`,
    );
  const countAudit = async (action: string) => (await queryRows<{ n: number }>(t.db, sql`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM audit_log WHERE action = ${action}`))[0]!.n;
  /** A second connection to the same database, as another process of the app would hold. */
  const openOtherConnection = async (): Promise<Db> =>
    isPg(t.db) ? openPgAppDatabase((t.db.$client as unknown as { options: { connectionString: string } }).options.connectionString, { poolSize: 1, migrate: false }) : openDatabase(`${t.dir}/test.db`);

  it('two HR users approving at the same moment record one decision; the other is told who decided', async () => {
    await submit('S100');
    const [h, a] = [await latestCard(t.app, 'H001', 'assessment-approval'), await latestCard(t.app, 'A001', 'assessment-approval')];
    const [first, second] = await Promise.all([
      sandboxChat(t.app, 'H001').click(h, buttonAction(h.card, '通过')),
      sandboxChat(t.app, 'A001').click(a, buttonAction(a.card, '通过')),
    ]);
    const toasts = [first.toast, second.toast];
    expect(toasts.filter((x) => x?.kind === 'success')).toHaveLength(1);
    const loser = toasts.find((x) => x?.kind !== 'success');
    const winnerName = first.toast?.kind === 'success' ? '林HR' : '系统管理员';
    expect(loser).toMatchObject({ kind: 'info', text: expect.stringContaining(`已由 ${winnerName} 处理`) });
    expect(await countAudit('assessment.approve')).toBe(1);
    // A rep clicking 通过 on the decided card learns nothing and changes nothing.
    const rep = await sandboxChat(t.app, 'S101').click(undefined, buttonAction(h.card, '通过'));
    expect(rep.toast?.kind).toBe('error');
    expect(rep.card).toBeUndefined();
    await flush(t.app);
    expect(cardToText((await latestCard(t.app, 'S100', 'assessment-review')).card)).toContain('已审批锁定');
    // Results went out once per rep, and both copies show the outcome.
    expect(await cardsOf(t.app, 'S101', 'assessment-result')).toHaveLength(1);
    for (const hr of ['H001', 'A001']) expect(cardToText((await latestCard(t.app, hr, 'assessment-approval')).card)).toContain(`已由 ${winnerName}`);
  });

  it('two processes deciding the same card version: the compare-and-set lets exactly one through', async () => {
    await submit('S100');
    const settings = { adjustmentBound: 10, appealWindowDays: 3, reviewReminderDays: 3, zone: 'Asia/Shanghai' };
    const other = await openOtherConnection();
    try {
      const mine = createAssessmentRepository(t.db, settings);
      const theirs = createAssessmentRepository(other, settings);
      const row = (await mine.listByPeriod('2026-11')).find((x) => x.departmentName === '华东一组')!;
      const hr = { userId: (await userIdOf(t.db, 'H001')), roles: ['hr' as const] };
      const admin2 = { userId: (await userIdOf(t.db, 'A001')), roles: ['admin' as const, 'hr' as const] };
      const actor = { userId: hr.userId, source: 'sandbox', now: t.clock.now };
      // One after the other, as two clicks land: the second sees the first's decision.
      const outcomes = [
        await mine.transition(row.id, { type: 'approve' }, hr, actor, row.version),
        await theirs.transition(row.id, { type: 'reject', reason: '分布不合理' }, admin2, { ...actor, userId: admin2.userId }, row.version),
      ];
      expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
      expect(outcomes[1]).toMatchObject({ problem: { code: 'INVALID_STATE' }, row: { status: 'approved', decidedByUserId: hr.userId } });
      expect((await countAudit('assessment.approve')) + (await countAudit('assessment.reject'))).toBe(1);
    } finally {
      await closeAppDatabase(other);
    }
  });

  it('a visit added to a locked period leaves the approved result unchanged and is listed as a post-lock adjustment', async () => {
    await submit('S100');
    await approve('H001');
    const before = await results('华东一组');
    const none = await admin(t.app, 'GET', '/admin/assessments/2026-11/post-lock-adjustments');
    expect(none.json()).toEqual({ adjustments: [] });

    // A correction: November visits recorded in December, confirmed by the manager (the shipped template counts verified visits).
    const s102 = await kpiRecords(t.db, 'S102');
    const [customer] = await queryRows<{ id: number }>(t.db, sql`SELECT id FROM customers WHERE owner_user_id = ${s102.userId} ORDER BY id LIMIT 1`);
    await s102.visits([customer!.id], 5, '2026-11-25', 'manager');
    const listed = await admin(t.app, 'GET', '/admin/assessments/2026-11/post-lock-adjustments');
    const adjustments = (listed.json() as { adjustments: { employeeNo: string; lockedTotalCenti: number; recomputedTotalCenti: number; applyInPeriodKey: string }[] }).adjustments;
    const locked = before.find((r) => r.employee_no === 'S102')!;
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]).toMatchObject({ employeeNo: 'S102', lockedTotalCenti: locked.total_centi, applyInPeriodKey: '2026-12' });
    expect(adjustments[0]!.recomputedTotalCenti).toBeGreaterThan(locked.total_centi);
    // The approved results are exactly as they were.
    expect(await results('华东一组')).toEqual(before);
    // Asking again lists it once and audits it once.
    await admin(t.app, 'GET', '/admin/assessments/2026-11/post-lock-adjustments');
    const audit = await admin(t.app, 'GET', '/admin/audit?period=2026-11&entity=assessment_result');
    const postLock = (audit.json() as { entries: { action: string; entityId: string }[] }).entries.filter((e) => e.action === 'assessment.post_lock_adjustment');
    expect(postLock).toEqual([expect.objectContaining({ entityId: String(locked.id) })]);
    // S102's own card still shows the approved score.
    expect(cardToText((await latestCard(t.app, 'S102', 'assessment-result')).card)).toContain(`系统总分: ${locked.total_centi / 100}`);

    // December's approval card shows the correction, to be settled there.
    t.clock.set('2027-01-01T08:00:00+08:00');
    expect((await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-12' })).json()).toMatchObject({ status: 'succeeded' });
    await flush(t.app);
    await submit('S100');
    const december = cardToText((await latestCard(t.app, 'H001', 'assessment-approval')).card);
    expect(december).toContain('2026-12');
    expect(december).toContain(`李四 2026-11：锁定 ${locked.total_centi / 100} → 更正后 ${adjustments[0]!.recomputedTotalCenti / 100}`);
  });

  it('the export opens with exceljs and its numbers equal the approved results', async () => {
    await submit('S100');
    // An adjustment in the other department, so the adjusted final differs from the system total.
    const review = await latestCard(t.app, 'S200', 'assessment-review');
    await sandboxChat(t.app, 'S200').click(review, buttonAction(review.card, '保存调整'), { rep: String((await userIdOf(t.db, 'S201'))), points: '-2.5', reason: '客户投诉未及时处理' });
    await submit('S200');
    await approve('H001', '华东一组');
    await approve('A001', '华南二组');

    const res = await admin(t.app, 'GET', '/admin/assessments/2026-11/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name).sort()).toEqual(['华东一组', '华南二组', '绩效工资']); // with the payroll sheet (issue 18)
    for (const department of ['华东一组', '华南二组']) {
      const sheet = workbook.getWorksheet(department)!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (name: string) => header.indexOf(name) + 1;
      const expected = await results(department);
      expect(sheet.rowCount).toBe(expected.length + 1);
      expected.forEach((r, index) => {
        const row = sheet.getRow(index + 2);
        expect(row.getCell(col('工号')).value).toBe(r.employee_no);
        expect(row.getCell(col('系统总分')).value).toBe(r.total_centi / 100);
        expect(row.getCell(col('最终得分')).value).toBe(r.final_centi / 100);
        expect(row.getCell(col('最终等级')).value).toBe(r.final_grade);
        expect(row.getCell(col('经理/申诉调整')).value).toBe(r.adjustment_centi / 100);
        // Text on SQLite, jsonb (already parsed) on PostgreSQL.
        const frozen = (typeof r.scorecard === 'string' ? JSON.parse(r.scorecard) : r.scorecard) as { lines: { name: { zh: string }; score: string | null }[] };
        for (const line of frozen.lines) {
          const cell = row.getCell(col(`${line.name.zh} 得分`)).value;
          expect(cell).toBe(line.score === null ? null : Number(line.score));
        }
      });
    }
    const s201 = (await results('华南二组')).find((r) => r.employee_no === 'S201')!;
    expect(s201.final_centi).toBe(s201.total_centi - 250);
  });

  it('an appeal adjusted by the manager records a new approved version; the rep sees it; the manager cannot resolve their own', async () => {
    await submit('S100');
    await approve('H001');
    const s103 = sandboxChat(t.app, 'S103');
    const card = await latestCard(t.app, 'S103', 'assessment-result');
    const form = await s103.click(card, buttonAction(card.card, '申诉'));
    await s103.click(card, buttonAction(form.card!, '提交申诉'), { reason: '有一笔回款记到了别人名下' });
    await flush(t.app);
    const before = (await results('华东一组')).find((r) => r.employee_no === 'S103')!;

    const appeal = await latestCard(t.app, 'S100', 'assessment-appeal');
    const tooMuch = await sandboxChat(t.app, 'S100').click(appeal, buttonAction(appeal.card, '处理申诉'), { outcome: 'adjust', points: '+11', reason: '补录回款' });
    expect(tooMuch.toast).toMatchObject({ kind: 'error', text: expect.stringContaining('±10') });
    const noPoints = await sandboxChat(t.app, 'S100').click(appeal, buttonAction(appeal.card, '处理申诉'), { outcome: 'adjust', points: '', reason: '补录回款' });
    expect(noPoints.toast?.kind).toBe('error');
    const adjusted = await sandboxChat(t.app, 'S100').click(appeal, buttonAction(appeal.card, '处理申诉'), { outcome: 'adjust', points: '+4', reason: '补录回款' });
    expect(adjusted.toast?.kind).toBe('success');
    await flush(t.app);

    const after = (await results('华东一组')).find((r) => r.employee_no === 'S103')!;
    expect(after.final_centi).toBe(before.final_centi + 400);
    expect(after.total_centi).toBe(before.total_centi);
    expect(await queryRows(t.db, sql`SELECT approved_version FROM assessment_results WHERE id = ${after.id}`)).toEqual([{ approved_version: 2 }]);
    // The rep's result card now shows the new final score; HR's copy of the appeal shows who resolved it.
    expect(cardToText((await latestCard(t.app, 'S103', 'assessment-result')).card)).toContain(`最终得分: ${after.final_centi / 100}`);
    expect(cardToText((await latestCard(t.app, 'H001', 'assessment-appeal')).card)).toContain('已由 王经理 处理');
    // HR clicking on the decided appeal is told who decided.
    const hrCopy = await latestCard(t.app, 'H001', 'assessment-appeal');
    const late = await sandboxChat(t.app, 'H001').click(hrCopy, { command: 'assessment.resolve', args: { appeal: String((await queryRows<{ id: number }>(t.db, sql`SELECT id FROM assessment_appeals`))[0]!.id) } }, { outcome: 'uphold', reason: '维持' });
    expect(late.toast).toMatchObject({ kind: 'info', text: expect.stringContaining('王经理') });

    // The manager is also a rep: their own result is approved one level up (销售部); their appeal goes to HR, and they cannot resolve it.
    await submit('S000');
    await approve('H001', '销售部');
    const own = await latestCard(t.app, 'S100', 'assessment-result');
    const ownForm = await sandboxChat(t.app, 'S100').click(own, buttonAction(own.card, '申诉'));
    await sandboxChat(t.app, 'S100').click(own, buttonAction(ownForm.card!, '提交申诉'), { reason: '团队管理分未计入' });
    await flush(t.app);
    const ownAppeal = await latestCard(t.app, 'H001', 'assessment-appeal');
    expect(ownAppeal.card.title).toContain('王经理');
    const self = await sandboxChat(t.app, 'S100').click(undefined, buttonAction(ownAppeal.card, '处理申诉'), { outcome: 'uphold', reason: '自己维持' });
    // 周总监, not 王经理, manages 王经理's own result now, so the refusal names who may resolve it.
    expect(self.toast).toMatchObject({ kind: 'error', text: expect.stringContaining('只有 HR 或该员工的经理可以处理申诉') });
  });

  it('after the window results become final; a late appeal is refused; an overdue review is reminded once', async () => {
    // Reminder: S200 has not submitted after 3 days.
    t.clock.set('2026-12-04T09:00:00+08:00');
    const daily = await admin(t.app, 'POST', '/admin/jobs/assessment-daily/run', { period: '2026-12-04' });
    // 王经理 (华东一组), 陈经理 (华南二组) and 周总监 (销售部: the two managers' own results, one level up).
    expect(daily.json()).toMatchObject({ status: 'succeeded', result: { details: { reminders: 3 } } });
    await flush(t.app);
    const reminders = (await sandboxChat(t.app, 'S200').transcript()).filter((m) => m.payload.type === 'text' && m.payload.text.includes('尚未提交'));
    expect(reminders).toHaveLength(1);
    const again = await admin(t.app, 'POST', '/admin/jobs/assessment-daily/run', { period: '2026-12-05' });
    expect(again.json()).toMatchObject({ result: { details: { reminders: 0 } } });

    await submit('S100');
    await approve('H001');
    const card = await latestCard(t.app, 'S101', 'assessment-result');
    await sandboxChat(t.app, 'S101').click(card, buttonAction(card.card, '确认'));
    // Approved Friday 4 Dec → window: Mon, Tue, Wed → ends Thursday 10 Dec 00:00.
    t.clock.set('2026-12-10T09:00:00+08:00');
    const s102Card = await latestCard(t.app, 'S102', 'assessment-result');
    const appealForm = await sandboxChat(t.app, 'S102').click(s102Card, buttonAction(s102Card.card, '申诉'));
    const late = await sandboxChat(t.app, 'S102').click(s102Card, buttonAction(appealForm.card!, '提交申诉'), { reason: '太晚了的申诉' });
    expect(late.toast).toMatchObject({ kind: 'error', text: expect.stringContaining('期限') });
    const finalRun = await admin(t.app, 'POST', '/admin/jobs/assessment-daily/run', { period: '2026-12-10' });
    // 华东一组's five reps (王经理's own result waits in 销售部's round, one level up).
    expect(finalRun.json()).toMatchObject({ result: { details: { finalized: 5 } } });
    const statuses = await queryRows(t.db, sql`SELECT DISTINCT status FROM assessment_results WHERE status IS NOT NULL`);
    expect(statuses).toEqual([{ status: 'final' }]);
  });
});
