import { describe, expect, it } from 'vitest';
import { parseAmountFen } from '../../../../src/domain/commands/amount.js';

const MAX = 100_000_000 * 100; // the default ceiling: ¥100,000,000

/** Amounts as reps type them -> exact fen. */
const ACCEPTED: [string, number][] = [
  ['5万', 5_000_000],
  ['5w', 5_000_000],
  ['5W', 5_000_000],
  ['５万', 5_000_000],
  ['1.2万', 1_200_000],
  ['1.2w', 1_200_000],
  ['0.5万', 500_000],
  ['12.345万', 12_345_000],
  ['50000', 5_000_000],
  ['５００００', 5_000_000],
  ['¥50,000', 5_000_000],
  ['￥50,000', 5_000_000],
  ['￥５０,０００', 5_000_000],
  ['¥50000.00', 5_000_000],
  ['RMB50000', 5_000_000],
  ['rmb 50000', 5_000_000],
  ['人民币5万元', 5_000_000],
  ['50k', 5_000_000],
  ['50K', 5_000_000],
  ['2.5k', 250_000],
  ['5千', 500_000],
  ['三万', 3_000_000],
  ['两万', 2_000_000],
  ['十万', 10_000_000],
  ['十五万', 15_000_000],
  ['一百万', 100_000_000],
  ['一万二', 1_200_000],
  ['三万五', 3_500_000],
  ['三千五', 350_000],
  ['两百五', 25_000],
  ['一百零五', 10_500],
  ['一千零一', 100_100],
  ['一点五万', 1_500_000],
  ['壹万贰仟', 1_200_000],
  ['五千块', 500_000],
  ['800元', 80_000],
  ['800块', 80_000],
  ['800块钱', 80_000],
  ['5万元', 5_000_000],
  ['5,000.50元', 500_050],
  ['1,234,567', 123_456_700],
  ['0.01', 1],
  ['0.1', 10],
  ['99.99', 9_999],
  ['3万5', 3_500_000],
  ['1w2', 1_200_000],
  ['5千万', 5_000_000_000],
  ['1亿', 10_000_000_000],
  ['100万', 100_000_000],
  ['3百万', 300_000_000],
  ['1.23456万', 1_234_560],
  ['3万2千', 3_200_000],
  ['12万元整', 12_000_000],
  ['50000整', 5_000_000],
];

/** Amounts that must be refused, with the reason. */
const REJECTED: [string, string][] = [
  ['-5万', 'records.error.amountNegative'],
  ['-50000', 'records.error.amountNegative'],
  ['负三万', 'records.error.amountNegative'],
  ['¥-500', 'records.error.amountNegative'],
  ['0', 'records.error.amountZero'],
  ['0元', 'records.error.amountZero'],
  ['0.00', 'records.error.amountZero'],
  ['1.005', 'records.error.amountTooPrecise'],
  ['0.001', 'records.error.amountTooPrecise'],
  ['2亿', 'records.error.amountTooLarge'],
  ['100000001', 'records.error.amountTooLarge'],
  ['1.2.3万', 'records.error.amountUnreadable'],
  ['5,00', 'records.error.amountUnreadable'],
];

describe('parseAmountFen', () => {
  it.each(ACCEPTED)('%s -> %i fen', (input, fen) => {
    expect(parseAmountFen(input, { maxFen: MAX })).toEqual({ ok: true, value: fen });
  });

  it.each(REJECTED)('refuses %s (%s)', (input, key) => {
    const result = parseAmountFen(input, { maxFen: MAX });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problem.key).toBe(key);
  });

  it.each(['华为', '一期', '二期项目', '聊了预算', 'ERP', 'abc', '十一月', '零'])('"%s" is not an amount at all', (input) => {
    expect(parseAmountFen(input, { maxFen: MAX })).toEqual({ ok: 'not-amount' });
  });

  it('accepts exactly the ceiling and refuses one fen more', () => {
    expect(parseAmountFen('1亿', { maxFen: MAX })).toEqual({ ok: true, value: MAX });
    expect(parseAmountFen('100000000.01', { maxFen: MAX }).ok).toBe(false);
  });
});
