import ExcelJS from 'exceljs';
import { count, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { cardToText, type CardModel } from '../../../src/domain/card-model.js';
import { DEFAULT_PAY_RULE } from '../../../src/domain/pay/pay-rule.js';
import { admin, buttonAction, flush, latestCard, seedNovember, userIdOf } from '../../helpers/assessment.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

// 1% of confirmed 回款 up to 50,000 元, 2% above; the default grade coefficients (S 1.5, A 1.2, B 1.0, C 0.8, D 0).
const RULE = {
  coefficients: DEFAULT_PAY_RULE.coefficients,
  commission: { tiers: [{ fromFen: 0, rateBp: 100 }, { fromFen: 5_000_000, rateBp: 200 }] },
};
const COEFFICIENT: Record<string, number> = { S: 15_000, A: 12_000, B: 10_000, C: 8_000, D: 0 };

/** What the grade pays (clock: 1 December 2026; November's assessment is generated, reviewed, approved). */
describe('pay preview: rule, freeze on approval, card, scorecard and payroll sheet', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    await seedNovember(t.db);
    // Finance confirmed S101's 90,000 元 and S102's 40,000 元; everyone else's 回款 is self-reported.
    const { payments } = tablesOf(t.db);
    await t.db.update(payments).set({ verification: 'finance' }).where(inArray(payments.repUserId, [await userIdOf(t.db, 'S101'), await userIdOf(t.db, 'S102')]));
  });
  afterEach(async () => t.close());

  async function previews() {
    const { assessmentPayPreviews: p, assessmentResults: r, users: u } = tablesOf(t.db);
    const rows = await t.db
      .select({ employeeNo: u.employeeNo, name: u.name, grade: r.finalGrade, coefficientBp: p.coefficientBp, commissionFen: p.commissionFen })
      .from(p)
      .innerJoin(r, eq(r.id, p.resultId))
      .innerJoin(u, eq(u.id, r.userId))
      .orderBy(u.employeeNo);
    return rows as { employeeNo: string; name: string; grade: string; coefficientBp: number | null; commissionFen: number | null }[];
  }

  async function approveEast(): Promise<void> {
    await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    await flush(t.app);
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    expect((await sandboxChat(t.app, 'S100').click(review, buttonAction(review.card, '提交审批'))).toast?.kind).toBe('success');
    await flush(t.app);
    const messages = await sandboxChat(t.app, 'H001').transcript();
    const card = messages.filter((m) => m.payload.type === 'card' && m.payload.card.template === 'assessment-approval' && m.payload.card.title.includes('华东一组')).at(-1)!;
    expect((await sandboxChat(t.app, 'H001').click(card, buttonAction((card.payload as { card: CardModel }).card, '通过'))).toast?.kind).toBe('success');
    await flush(t.app);
  }

  it('refuses a bad pay rule in the reader’s language and writes nothing; a good one is a new version', async () => {
    const adminUser = await devLogin(t.app, 'A001');
    const bad = await adminUser.put('/api/admin/templates/sales-monthly/pay-rule', { rule: { ...RULE, commission: { tiers: [{ fromFen: 0, rateBp: 100 }, { fromFen: 0, rateBp: 200 }] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('绩效规则有误：commission.tiers.1.fromFen: 各档起点必须逐档升高');
    const fractional = await adminUser.put('/api/admin/templates/sales-monthly/pay-rule', { rule: { coefficients: [{ grade: 'A', bp: 1.5 }, { grade: 'A', bp: -1 }] } });
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().message).toBe('绩效规则有误：coefficients.0.bp: 类型不对（应为整数）; coefficients.1.bp: 不能小于 0');
    const midMonth = await adminUser.put('/api/admin/templates/sales-monthly/pay-rule', { rule: RULE, effectiveFrom: '2026-11-15' });
    expect(midMonth.statusCode).toBe(400);
    expect(midMonth.json().message).toBe('绩效规则有误：生效日期 2026-11-15 不是周期的第一天');
    expect(await t.db.select({ n: count() }).from(tablesOf(t.db).kpiPayRules)).toEqual([{ n: 0 }]);
    expect((await (await devLogin(t.app, 'H001')).put('/api/admin/templates/sales-monthly/pay-rule', { rule: RULE })).statusCode).toBe(403);

    const saved = await adminUser.put('/api/admin/templates/sales-monthly/pay-rule', { rule: RULE, effectiveFrom: '2026-11-01' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ version: 1, effectiveFrom: '2026-11-01' });
    const read = (await adminUser.get('/api/admin/templates/sales-monthly/pay-rule')).json();
    expect(read.versions).toEqual([{ version: 1, effectiveFrom: '2026-11-01', rule: RULE }]);
  });

  it('freezes each result’s coefficient and commission on approval; the card and scorecard show them as a preview, and later changes do not move them', async () => {
    const adminUser = await devLogin(t.app, 'A001');
    expect((await adminUser.put('/api/admin/templates/sales-monthly/pay-rule', { rule: RULE, effectiveFrom: '2026-11-01' })).statusCode).toBe(200);
    await approveEast();

    const frozen = await previews();
    expect(frozen.map((p) => p.employeeNo)).toEqual(['S101', 'S102', 'S103', 'S104', 'S105']); // the manager is not in his own team's round
    for (const p of frozen) expect(p.coefficientBp, p.employeeNo).toBe(COEFFICIENT[p.grade]);
    // 50,000 元 × 1% + 40,000 元 × 2% = 1,300 元; 40,000 元 × 1% = 400 元; unconfirmed 回款 pays nothing.
    expect(Object.fromEntries(frozen.map((p) => [p.employeeNo, p.commissionFen]))).toEqual({ S101: 130_000, S102: 40_000, S103: 0, S104: 0, S105: 0 });

    const s101 = frozen[0]!;
    const card = await latestCard(t.app, 'S101', 'assessment-result');
    const coefficient = (COEFFICIENT[s101.grade]! / 10_000).toFixed(4).replace(/0+$/, '').replace(/\.$/, '.0');
    expect(cardToText(card.card)).toContain(`预计绩效奖金系数 ${coefficient} / 预计提成 ¥1,300（仅供参考，非工资）`);

    // Finance confirms more of November and the rule changes: the approved figures stay.
    const rep = await kpiRecords(t.db, 'S101');
    const customer = await rep.customer();
    await rep.payment(await rep.deal(customer, 5_000_000, 'won', '2026-11-25'), customer, 5_000_000, '2026-11-26');
    await t.db.update(tablesOf(t.db).payments).set({ verification: 'finance' });
    expect((await adminUser.put('/api/admin/templates/sales-monthly/pay-rule', { rule: { ...RULE, commission: null }, effectiveFrom: '2026-11-01' })).statusCode).toBe(200);
    const scorecard = (await (await devLogin(t.app, 'S101')).get('/api/scorecard?period=2026-11')).json().scorecard;
    expect(scorecard.pay).toMatchObject({ coefficientBp: s101.coefficientBp, commissionFen: 130_000, frozen: true, note: '仅供参考，非工资' });
    expect(scorecard.pay.text).toContain('预计提成 ¥1,300');
    expect(await previews()).toEqual(frozen);
  });

  it('the export’s payroll sheet (工号, 姓名, 系数, 提成 in 元) equals the frozen figures in the database', async () => {
    const adminUser = await devLogin(t.app, 'A001');
    await adminUser.put('/api/admin/templates/sales-monthly/pay-rule', { rule: RULE, effectiveFrom: '2026-11-01' });
    await approveEast();
    const res = await admin(t.app, 'GET', '/admin/assessments/2026-11/export.xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('绩效工资')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['工号', '姓名', '系数', '提成(元)']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const expected = (await previews()).map((p) => [p.employeeNo, p.name, (p.coefficientBp ?? 0) / 10_000, (p.commissionFen ?? 0) / 100]);
    expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(expected);
    expect(expected.find((r) => r[0] === 'S101')?.[3]).toBe(1_300);
  });
});
