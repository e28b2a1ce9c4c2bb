import { describe, expect, it } from 'vitest';
import { largestRemainder, splitTarget, sumCheck } from '../../../../src/domain/targets/split.js';

const reps = (n: number, actuals: number[] = []) => Array.from({ length: n }, (_, i) => ({ userId: i + 1, lastActual: actuals[i] ?? 0 }));
const total = (parts: { target: number }[]) => parts.reduce((a, p) => a + p.target, 0);

describe('largest remainder', () => {
  it('keeps the sum exact and gives the leftover units to the largest remainders, earlier first on ties', () => {
    expect(largestRemainder(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(largestRemainder(10n, [1n, 2n, 3n])).toEqual([2n, 3n, 5n]); // 1.67, 3.33, 5 → 1+3+5 = 9, one to 1.67
    expect(largestRemainder(0n, [5n, 5n])).toEqual([0n, 0n]);
    expect(largestRemainder(7n, [0n, 0n])).toEqual([4n, 3n]);
  });

  it('is exact for large fen amounts', () => {
    const parts = largestRemainder(9_007_199_254_740_991n, [3n, 3n, 3n, 1n]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(9_007_199_254_740_991n);
  });
});

describe('splitting a department target', () => {
  it('evenly: 1,000,000.01 元 over 3 reps adds up to the fen', () => {
    const split = splitTarget({ method: 'even', total: 100_000_001, reps: reps(3) });
    expect(split.applied).toBe('even');
    expect(split.parts.map((p) => p.target)).toEqual([33_333_334, 33_333_334, 33_333_333]);
    expect(total(split.parts)).toBe(100_000_001);
  });

  it("by last period's share of the indicator's actual", () => {
    const split = splitTarget({ method: 'share', total: 1_000, reps: reps(3, [500, 300, 200]) });
    expect(split.applied).toBe('share');
    expect(split.parts.map((p) => p.target)).toEqual([500, 300, 200]);
    const uneven = splitTarget({ method: 'share', total: 10, reps: reps(3, [1, 1, 1]) });
    expect(uneven.parts.map((p) => p.target)).toEqual([4, 3, 3]);
  });

  it('by share falls back to even when nobody had an actual last period (a new team)', () => {
    const split = splitTarget({ method: 'share', total: 9, reps: reps(3) });
    expect(split.applied).toBe('even');
    expect(split.parts.map((p) => p.target)).toEqual([3, 3, 3]);
  });

  it('by hand takes the amounts as given', () => {
    const split = splitTarget({ method: 'manual', total: 100, reps: [{ userId: 1, manual: 70 }, { userId: 2, manual: 20 }] });
    expect(split.parts).toEqual([{ userId: 1, target: 70 }, { userId: 2, target: 20 }]);
  });

  it('refuses a fractional or negative amount', () => {
    expect(() => splitTarget({ method: 'even', total: 10.5, reps: reps(2) })).toThrow(RangeError);
    expect(() => splitTarget({ method: 'manual', total: 10, reps: [{ userId: 1, manual: -1 }] })).toThrow(RangeError);
  });
});

describe('sum check', () => {
  it('shows the difference and the percentage to one decimal', () => {
    expect(sumCheck(100, [70, 20])).toEqual({ target: 100, allocated: 90, difference: -10, percent: '90.0' });
    expect(sumCheck(3, [1, 1, 0])).toEqual({ target: 3, allocated: 2, difference: -1, percent: '66.7' });
    expect(sumCheck(200, [150, 100])).toEqual({ target: 200, allocated: 250, difference: 50, percent: '125.0' });
    expect(sumCheck(0, [5])).toEqual({ target: 0, allocated: 5, difference: 5, percent: null });
  });
});
