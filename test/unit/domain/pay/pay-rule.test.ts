import { describe, expect, it } from 'vitest';
import { commissionFen, coefficientFor, DEFAULT_PAY_RULE, formatCoefficient, payRuleSchema, previewPay, type PayRule } from '../../../../src/domain/pay/pay-rule.js';

// 1% up to 10,000 元, 2% from 10,000 to 50,000 元, 3% above.
const tiered: PayRule = {
  ...DEFAULT_PAY_RULE,
  commission: { tiers: [{ fromFen: 0, rateBp: 100 }, { fromFen: 1_000_000, rateBp: 200 }, { fromFen: 5_000_000, rateBp: 300 }] },
};

describe('grade coefficients', () => {
  it('has the defaults S 1.5, A 1.2, B 1.0, C 0.8, D 0', () => {
    expect(['S', 'A', 'B', 'C', 'D'].map((g) => formatCoefficient(coefficientFor(DEFAULT_PAY_RULE, g) ?? -1))).toEqual(['1.5', '1.2', '1.0', '0.8', '0.0']);
    expect(coefficientFor(DEFAULT_PAY_RULE, null)).toBeNull();
    expect(coefficientFor(DEFAULT_PAY_RULE, 'E')).toBeNull();
  });
});

describe('progressive commission', () => {
  it.each([
    [0, 0],
    [999_999, 10_000], // 9,999.99 元 × 1% = 99.9999 元 → 100.00 元
    [1_000_000, 10_000], // exactly at the second tier's start: all at 1%
    [1_000_001, 10_000], // one fen into tier 2: 0.02 fen more, rounds away
    [1_000_050, 10_001], // 50 fen at 2% = 1 fen
    [5_000_000, 90_000], // 100 元 + 40,000 元 × 2% = 900 元
    [5_000_100, 90_003], // 1 元 into tier 3 at 3%
    [12_345_678, 310_370], // 900 元 + 73,456.78 元 × 3% = 2,203.7034 元 → 3,103.70 元
  ])('on %i fen pays %i fen', (confirmed, expected) => {
    expect(commissionFen(tiered, confirmed)).toBe(expected);
  });

  it('is null in the preview when the rule has no commission', () => {
    expect(previewPay(DEFAULT_PAY_RULE, 'A', 1_000_000)).toEqual({ coefficientBp: 12_000, commissionFen: null });
    expect(previewPay(tiered, 'S', 1_000_000)).toEqual({ coefficientBp: 15_000, commissionFen: 10_000 });
  });
});

describe('pay rule validation', () => {
  it('refuses tiers that do not start at 0 or do not rise, duplicate grades and fractional rates', () => {
    expect(payRuleSchema.safeParse({ coefficients: [{ grade: 'A', bp: 1 }], commission: { tiers: [{ fromFen: 5, rateBp: 1 }] } }).success).toBe(false);
    expect(payRuleSchema.safeParse({ coefficients: [{ grade: 'A', bp: 1 }], commission: { tiers: [{ fromFen: 0, rateBp: 1 }, { fromFen: 0, rateBp: 2 }] } }).success).toBe(false);
    expect(payRuleSchema.safeParse({ coefficients: [{ grade: 'A', bp: 1 }, { grade: 'A', bp: 2 }] }).success).toBe(false);
    expect(payRuleSchema.safeParse({ coefficients: [{ grade: 'A', bp: 1.5 }] }).success).toBe(false);
    expect(payRuleSchema.parse({ coefficients: [{ grade: 'A', bp: 12_000 }] }).commission).toBeNull();
  });
});
