import { describe, expect, it } from 'vitest';
import { matchReceipts, type MatchClaim, type MatchReceipt } from '../../../../src/domain/finance/match.js';
import { validateReceiptRows } from '../../../../src/domain/finance/receipt-rows.js';

const rules = { toleranceFen: 100, days: 7 };
const receipt = (id: number, amountFen: number, date: string, customerKey = '华为技术'): MatchReceipt => ({ id, customerKey, amountFen, date });
const claim = (id: number, amountFen: number, date: string, customerKeys = ['华为技术', '华为']): MatchClaim => ({ id, customerKeys, amountFen, date });

describe('matchReceipts', () => {
  it.each([
    { name: 'exact: same customer, amount and date', receipts: [receipt(1, 5_000_000, '2026-03-05')], claims: [claim(10, 5_000_000, '2026-03-05')], matched: [[1, 10]], ambiguous: [], unmatchedReceipts: [], unmatchedClaims: [] },
    { name: 'via an alias key, 1 元 less, 7 days later', receipts: [receipt(1, 4_999_900, '2026-03-12', '华为')], claims: [claim(10, 5_000_000, '2026-03-05')], matched: [[1, 10]], ambiguous: [], unmatchedReceipts: [], unmatchedClaims: [] },
    { name: 'across the year end (31 Dec claim, 2 Jan receipt)', receipts: [receipt(1, 5_000_000, '2027-01-02')], claims: [claim(10, 5_000_000, '2026-12-31')], matched: [[1, 10]], ambiguous: [], unmatchedReceipts: [], unmatchedClaims: [] },
    { name: '1.01 元 off is outside the tolerance', receipts: [receipt(1, 4_999_899, '2026-03-05')], claims: [claim(10, 5_000_000, '2026-03-05')], matched: [], ambiguous: [], unmatchedReceipts: [1], unmatchedClaims: [10] },
    { name: '8 days apart is outside the window', receipts: [receipt(1, 5_000_000, '2026-03-13')], claims: [claim(10, 5_000_000, '2026-03-05')], matched: [], ambiguous: [], unmatchedReceipts: [1], unmatchedClaims: [10] },
    { name: 'another customer', receipts: [receipt(1, 5_000_000, '2026-03-05', '中兴')], claims: [claim(10, 5_000_000, '2026-03-05')], matched: [], ambiguous: [], unmatchedReceipts: [1], unmatchedClaims: [10] },
    { name: 'two claims fit one receipt: ambiguous', receipts: [receipt(1, 5_000_000, '2026-03-05')], claims: [claim(10, 5_000_000, '2026-03-03'), claim(11, 5_000_050, '2026-03-06')], matched: [], ambiguous: [[1, [10, 11]]], unmatchedReceipts: [], unmatchedClaims: [] },
    { name: 'one claim fits two receipts: both ambiguous', receipts: [receipt(1, 5_000_000, '2026-03-05'), receipt(2, 5_000_000, '2026-03-06')], claims: [claim(10, 5_000_000, '2026-03-05')], matched: [], ambiguous: [[1, [10]], [2, [10]]], unmatchedReceipts: [], unmatchedClaims: [] },
    { name: 'a match beside an unmatched claim', receipts: [receipt(1, 5_000_000, '2026-03-05')], claims: [claim(10, 5_000_000, '2026-03-05'), claim(11, 100_000, '2026-03-05')], matched: [[1, 10]], ambiguous: [], unmatchedReceipts: [], unmatchedClaims: [11] },
  ])('$name', ({ receipts, claims, matched, ambiguous, unmatchedReceipts, unmatchedClaims }) => {
    const outcome = matchReceipts(receipts, claims, rules);
    expect(outcome.matched.map((m) => [m.receiptId, m.claimId])).toEqual(matched);
    expect(outcome.ambiguous.map((a) => [a.receiptId, a.claimIds])).toEqual(ambiguous);
    expect(outcome.unmatchedReceipts).toEqual(unmatchedReceipts);
    expect(outcome.unmatchedClaims).toEqual(unmatchedClaims);
  });

  it('a zero tolerance takes the exact amount only', () => {
    expect(matchReceipts([receipt(1, 4_999_999, '2026-03-05')], [claim(10, 5_000_000, '2026-03-05')], { toleranceFen: 0, days: 7 }).unmatchedReceipts).toEqual([1]);
  });
});

describe('validateReceiptRows', () => {
  const row = (rowNumber: number, record: Record<string, unknown>) => ({ rowNumber, record });
  it('reads 日期, 客户, 金额, 单号, 备注 into integer fen and a customer key', () => {
    const result = validateReceiptRows([row(2, { 日期: '2026/3/5', 客户: '华为技术有限公司', 金额: '¥50,000.50', 单号: 'B-1', 备注: '首付款' })], 10_000_000_000);
    expect(result).toEqual({ ok: true, rows: [{ rowNumber: 2, receivedOn: '2026-03-05', customerName: '华为技术有限公司', customerKey: '华为技术', amount: '¥50,000.50', amountFen: 5_000_050, reference: 'B-1', note: '首付款' }] });
  });

  it('lists every bad row: no date, 29 Feb of a common year, no amount, a 单号 twice', () => {
    const result = validateReceiptRows(
      [row(2, { 日期: '', 客户: '华为', 金额: '1万', 单号: 'A' }), row(3, { 日期: '2027-02-29', 客户: '华为', 金额: '1万', 单号: 'B' }), row(4, { 日期: '2026-03-05', 客户: '华为', 金额: '零', 单号: 'C' }), row(5, { 日期: '2026-03-05', 客户: '华为', 金额: '1万', 单号: 'C' })],
      10_000_000_000,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => [e.rowNumber, e.field])).toEqual([[2, '日期'], [3, '日期'], [4, '金额'], [5, '单号']]);
  });
});
