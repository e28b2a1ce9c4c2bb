import { describe, expect, it } from 'vitest';
import { overpaymentOf } from '../../../../src/domain/records/overpayment.js';

describe('overpaymentOf (fen)', () => {
  it.each([
    ['within the amount', 5_000_000, 1_000_000, 2_000_000, null],
    ['reaching it exactly', 5_000_000, 4_000_000, 1_000_000, null],
    ['one fen over', 5_000_000, 4_000_000, 1_000_001, 1],
    ['over after earlier payments', 5_000_000, 4_000_000, 2_000_000, 1_000_000],
    ['already overpaid before', 5_000_000, 6_000_000, 1, 1_000_001],
  ] as const)('%s', (_name, deal, paid, amount, excess) => {
    const result = overpaymentOf(deal, paid, amount);
    expect(result?.excessFen ?? null).toBe(excess);
    if (result) expect(result).toEqual({ dealAmountFen: deal, paidFen: paid, amountFen: amount, excessFen: excess });
  });
});
