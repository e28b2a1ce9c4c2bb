import { describe, expect, it } from 'vitest';
import { distributionAcknowledgementProblem } from '../../../../src/domain/assessment/distribution-acknowledgement.js';
import { checkDistribution, distributionRules, limitCount, orderedGrades } from '../../../../src/domain/kpi/distribution.js';

// Written out by hand, not computed: the S ≤ 10% and D ≥ 5% defaults for teams of 1 to 12.
// Under 10 people a maximum rounds up (⌈n × 10%⌉ = 1) and a minimum rounds down (⌊n × 5%⌋ = 0);
// from 10 on, a maximum rounds down (⌊11 × 10%⌋ = 1) and a minimum rounds up (⌈10 × 5%⌉ = 1).
const DEFAULTS: [n: number, maxS: number, minD: number][] = [
  [1, 1, 0],
  [2, 1, 0],
  [3, 1, 0],
  [4, 1, 0],
  [5, 1, 0],
  [6, 1, 0],
  [7, 1, 0],
  [8, 1, 0],
  [9, 1, 0],
  [10, 1, 1],
  [11, 1, 1],
  [12, 1, 1],
];

// Edge shares: 0%, 100%, exact products (no rounding either way), products just off an integer, and
// products a float gets wrong (100 × 0.07 is 7.000000000000001 in binary, ⌈⌉ of it would be 8).
const EDGES: [n: number, percent: number, max: number, min: number][] = [
  [1, 0, 0, 0],
  [9, 0, 0, 0],
  [12, 0, 0, 0],
  [1, 100, 1, 1],
  [9, 100, 9, 9],
  [12, 100, 12, 12],
  [5, 20, 1, 1],
  [10, 10, 1, 1],
  [10, 30, 3, 3],
  [9, 11.1, 1, 0],
  [9, 33.3, 3, 2],
  [3, 33.4, 2, 1],
  [12, 12.5, 1, 2],
  [11, 9.1, 1, 2],
  [8, 12.5, 1, 1],
  [100, 7, 7, 7],
  [0, 10, 0, 0],
];

describe('forced-distribution rounding', () => {
  it.each(DEFAULTS)('a team of %i: at most %i S, at least %i D', (n, maxS, minD) => {
    expect(limitCount(n, 10, 'max')).toBe(maxS);
    expect(limitCount(n, 5, 'min')).toBe(minD);
    const report = checkDistribution(Array<string>(n).fill('B'));
    expect(report.rounding).toBe(n < 10 ? 'small-team' : 'standard');
    expect(report.checks.map((c) => [c.grade, c.kind, c.limit])).toEqual([
      ['S', 'max', maxS],
      ['D', 'min', minD],
    ]);
  });

  it.each(EDGES)('a team of %i at %s%%: a maximum allows %i, a minimum requires %i', (n, percent, max, min) => {
    expect(limitCount(n, percent, 'max')).toBe(max);
    expect(limitCount(n, percent, 'min')).toBe(min);
  });
});

describe('forced-distribution check', () => {
  it('a 6-person team with one S and no D is within the limits; a second S is not', () => {
    const ok = checkDistribution(['S', 'A', 'B', 'B', 'C', 'C']);
    expect(ok.ok).toBe(true);
    expect(ok.checks).toEqual([
      { grade: 'S', kind: 'max', percent: 10, count: 1, limit: 1, ok: true },
      { grade: 'D', kind: 'min', percent: 5, count: 0, limit: 0, ok: true },
    ]);
    const over = checkDistribution(['S', 'S', 'B', 'B', 'C', 'C']);
    expect(over.flags).toEqual([{ grade: 'S', kind: 'max', percent: 10, count: 2, limit: 1, ok: false, allowed: 1, excess: 1 }]);
  });

  it('uses configured limits at both ends', () => {
    const rules = distributionRules({ maxTopPercent: 20, minBottomPercent: 10 });
    // 10 people: ⌊10 × 20%⌋ = 2 S allowed, ⌈10 × 10%⌉ = 1 D required.
    const report = checkDistribution(['S', 'S', 'S', 'A', 'B', 'B', 'B', 'C', 'C', 'C'], rules);
    expect(report.flags.map((f) => [f.grade, f.kind, f.count, f.limit])).toEqual([
      ['S', 'max', 3, 2],
      ['D', 'min', 0, 1],
    ]);
  });

  it('lists grades S·A·B·C·D, unknown grades after them', () => {
    expect(orderedGrades({ D: 1, B: 2, S: 1, C: 0, X: 1 })).toEqual(['S', 'B', 'D', 'X']);
  });
});

describe('acknowledging a breach', () => {
  const where = { department: '华东一组', period: '2026-11' };
  const breached = checkDistribution(['S', 'S', 'B']);

  it('asks for a reason only when a limit is broken', () => {
    expect(distributionAcknowledgementProblem(checkDistribution(['S', 'B', 'B']), undefined, where)).toBeUndefined();
    expect(distributionAcknowledgementProblem(breached, undefined, where)).toEqual({ code: 'VALIDATION_FAILED', key: 'distribution.problem.ackRequired', params: { ...where, grades: 'S' } });
    expect(distributionAcknowledgementProblem(breached, ' 好 ', where)?.key).toBe('distribution.problem.ackRequired');
    expect(distributionAcknowledgementProblem(breached, '两位都签下了年度大单', where)).toBeUndefined();
  });
});
