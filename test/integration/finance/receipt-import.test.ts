import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { writeXlsx } from '../../../src/features/imports/tabular.js';
import { claimPayment, grantFinance } from '../../helpers/finance.js';
import { seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

const HEADERS = ['日期', '客户', '金额', '单号', '备注'];
const upload = async (rows: unknown[][], fileName = 'bank.xlsx') => ({ fileName, source: 'bank', content: (await writeXlsx('流水', HEADERS, rows)).toString('base64') });

/** Bank receipts through the H5 API into the matcher: exact, tolerance, ambiguous, unmatched; 单号 once. */
describe('finance: receipts import and match', () => {
  let t: TestApp;
  let huawei: number;
  let xiaomi: number;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00+08:00' });
    await grantFinance(t.db, 'H001', t.clock.now);
    huawei = (await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] })).id;
    xiaomi = (await seedCustomer(t.db, { name: '小米科技有限责任公司', owner: 'S101', aliases: ['小米'] })).id;
  });
  afterEach(async () => t.close());

  const verification = async (id: number) => {
    const { payments } = tablesOf(t.db);
    return (await t.db.select().from(payments).where(eq(payments.id, id)))[0]?.verification;
  };
  const verifications = (ids: number[]) => Promise.all(ids.map((id) => verification(id)));
  const receipts = async () => {
    const { financeReceipts } = tablesOf(t.db);
    return t.db.select().from(financeReceipts).orderBy(asc(financeReceipts.id));
  };

  it('marks the exact and the in-tolerance claims finance, lists the ambiguous and the unmatched, and adds a re-import nothing', async () => {
    const now = t.clock.now;
    const exact = await claimPayment(t.db, { rep: 'S101', customerId: huawei, amountFen: 5_000_000, paidOn: '2026-11-20', now });
    const near = await claimPayment(t.db, { rep: 'S101', customerId: xiaomi, amountFen: 1_000_000, paidOn: '2026-11-10', now });
    const twinA = await claimPayment(t.db, { rep: 'S101', customerId: huawei, amountFen: 300_000, paidOn: '2026-11-02', now });
    const twinB = await claimPayment(t.db, { rep: 'S102', customerId: huawei, amountFen: 300_000, paidOn: '2026-11-04', now });
    const lonely = await claimPayment(t.db, { rep: 'S101', customerId: xiaomi, amountFen: 777_700, paidOn: '2026-11-25', now });
    const finance = await devLogin(t.app, 'H001');
    const rows = [
      ['2026-11-21', '华为技术有限公司', '50000', 'B-001', '首付'],
      ['2026/11/15', '小米科技', '9999.50', 'B-002', ''],
      ['2026-11-03', '华为', '3000', 'B-003', ''],
      ['2026-11-28', '比亚迪', '12000', 'B-004', '未知客户'],
    ];
    const response = await finance.post('/api/finance/receipts/import', await upload(rows));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ok: true, added: 4, alreadyImported: 0, matched: 2, ambiguous: 1, unmatchedReceipts: 1, unmatchedClaims: 1 });
    expect(await verifications([exact, near, twinA, twinB, lonely])).toEqual(['finance', 'finance', 'self', 'self', 'self']);
    const linked = (await receipts()).map((r) => [r.reference, r.paymentId, r.amountFen, r.matchKind]);
    expect(linked).toEqual([['B-001', exact, 5_000_000, 'auto'], ['B-002', near, 999_950, 'auto'], ['B-003', null, 300_000, null], ['B-004', null, 1_200_000, null]]);
    const { auditLog } = tablesOf(t.db);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'payment.verify_finance'))).map((a) => Number(a.entityId)).sort((a, b) => a - b)).toEqual([exact, near]);

    const review = (await finance.get('/api/finance/review')).json();
    expect(review.ambiguous.map((a: { receipt: { reference: string }; candidates: { id: number }[] }) => [a.receipt.reference, a.candidates.map((c) => c.id)])).toEqual([['B-003', [twinA, twinB]]]);
    expect(review.unmatchedReceipts.map((r: { reference: string }) => r.reference)).toEqual(['B-004']);
    expect(review.unmatchedClaims.map((c: { id: number; amountYuan: string }) => [c.id, c.amountYuan])).toEqual([[lonely, '7,777.00']]);

    // The same file again: every 单号 is known, nothing is added or changed.
    expect((await finance.post('/api/finance/receipts/import', await upload(rows))).json()).toMatchObject({ ok: true, added: 0, alreadyImported: 4, matched: 0 });
    expect(await receipts()).toHaveLength(4);

    // By hand: the ambiguous receipt is twinB's; the lonely claim is rejected. Both audited.
    expect((await finance.post(`/api/finance/receipts/${review.ambiguous[0].receipt.id}/match`, { paymentId: twinB })).json()).toEqual({ ok: true, withinRules: true });
    expect((await finance.post(`/api/finance/claims/${lonely}/reject`, { reason: '银行无此笔' })).statusCode).toBe(200);
    expect(await verifications([twinA, twinB, lonely])).toEqual(['self', 'finance', 'self']);
    const after = (await finance.get('/api/finance/review')).json();
    expect(after.ambiguous).toEqual([]);
    expect(after.unmatchedClaims.map((c: { id: number }) => c.id)).toEqual([twinA]);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.entity, 'payment'))).map((a) => a.action)).toEqual(expect.arrayContaining(['payment.verify_finance', 'payment.finance_reject']));
    expect((await finance.post(`/api/finance/claims/${lonely}/reject`, { reason: '再来一次' })).statusCode).toBe(404);
  });

  it('a file with a bad row stores nothing and names the row', async () => {
    const finance = await devLogin(t.app, 'H001');
    const response = await finance.post('/api/finance/receipts/import', await upload([['2026-11-21', '华为', '50000', 'B-001', ''], ['2026-13-01', '华为', '1万', 'B-002', '']]));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: 'IMPORT_INVALID', errors: [{ rowNumber: 3, field: '日期' }], moreErrors: 0 });
    expect(await receipts()).toEqual([]);
  });

  it('a rep, a manager and HR without the finance role cannot import receipts or see the review; an admin can', async () => {
    for (const employeeNo of ['S101', 'S100']) {
      const client = await devLogin(t.app, employeeNo);
      expect((await client.post('/api/finance/receipts/import', await upload([['2026-11-21', '华为', '50000', 'B-9', '']]))).statusCode, employeeNo).toBe(403);
      expect((await client.get('/api/finance/review')).statusCode, employeeNo).toBe(403);
    }
    expect(await receipts()).toEqual([]);
    expect((await (await devLogin(t.app, 'A001')).get('/api/finance/review')).statusCode).toBe(200);
  });
});
