import { describe, expect, it } from 'vitest';
import { add, cmp, div, mul, rat, ratFromDecimal, roundHalfUp, toDecimalString } from '../../../../src/domain/kpi/rational.js';

describe('exact rationals', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(cmp(add(ratFromDecimal(0.1), ratFromDecimal(0.2)), ratFromDecimal('0.3'))).toBe(0);
  });

  it('keeps fractions reduced with a positive denominator', () => {
    expect(rat(6, -4)).toEqual({ n: -3n, d: 2n });
    expect(div(rat(1), rat(3))).toEqual({ n: 1n, d: 3n });
    expect(() => rat(1, 0)).toThrow(RangeError);
    expect(() => div(rat(1), rat(0))).toThrow(RangeError);
  });

  it.each<[string, number, string]>([
    ['82.45', 1, '82.5'],
    ['82.44', 1, '82.4'],
    ['-2.5', 0, '-3'],
    ['2.5', 0, '3'],
    ['24.60', 2, '24.6'],
    ['0.005', 2, '0.01'],
    ['-0.004', 2, '0'],
    ['100', 2, '100'],
  ])('rounds %s to %i decimals half away from zero: %s', (value, decimals, expected) => {
    expect(toDecimalString(ratFromDecimal(value), decimals)).toBe(expected);
  });

  it('rounds thirds without float error', () => {
    expect(roundHalfUp(rat(2, 3), 2)).toBe(67n);
    expect(toDecimalString(mul(rat(254450, 3), rat(1, 1000)), 2)).toBe('84.82');
    expect(toDecimalString(rat(1, 8), 2, { fixed: true })).toBe('0.13');
  });

  it('reads decimals as written and refuses the rest', () => {
    expect(ratFromDecimal(1e-7)).toEqual({ n: 1n, d: 10_000_000n });
    expect(ratFromDecimal('1.25')).toEqual({ n: 5n, d: 4n });
    expect(() => ratFromDecimal('1,5')).toThrow(RangeError);
    expect(() => ratFromDecimal(Number.NaN)).toThrow(RangeError);
  });
});
