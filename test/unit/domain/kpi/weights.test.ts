import { describe, expect, it } from 'vitest';
import { HUNDRED, mul, ratFromDecimal, toDecimalString, type Rational } from '../../../../src/domain/kpi/rational.js';
import { redistributeWeights } from '../../../../src/domain/kpi/weights.js';

/** A share as the card prints it: percent, rounded half-up to 2 decimals by the engine's rule. */
const pct = (share: Rational | null): string | null => (share === null ? null : toDecimalString(mul(share, HUNDRED), 2));

const lines = (weights: number[], counted: boolean[]) => weights.map((w, i) => ({ id: `l${i}`, weight: ratFromDecimal(w), counted: counted[i] as boolean }));

describe('weight redistribution: a line with no data drops out, the others scale in proportion', () => {
  const table: { name: string; weights: number[]; counted: boolean[]; configured: string[]; effective: (string | null)[]; redistributed: boolean; hasTotal: boolean }[] = [
    { name: '30/30/40, first line no data', weights: [30, 30, 40], counted: [false, true, true], configured: ['30', '30', '40'], effective: [null, '42.86', '57.14'], redistributed: true, hasTotal: true },
    { name: '30/30/40, every line has data: unchanged', weights: [30, 30, 40], counted: [true, true, true], configured: ['30', '30', '40'], effective: ['30', '30', '40'], redistributed: false, hasTotal: true },
    { name: '30/30/40, no line has data: no total', weights: [30, 30, 40], counted: [false, false, false], configured: ['30', '30', '40'], effective: [null, null, null], redistributed: false, hasTotal: false },
    { name: 'shipped default, win rate and satisfaction out (30/25/15/10 of 80)', weights: [30, 25, 15, 10, 10, 10], counted: [true, true, true, true, false, false], configured: ['30', '25', '15', '10', '10', '10'], effective: ['37.5', '31.25', '18.75', '12.5', null, null], redistributed: true, hasTotal: true },
    { name: 'weights not summing to 100 are shown as shares of their sum', weights: [1, 2], counted: [true, true], configured: ['33.33', '66.67'], effective: ['33.33', '66.67'], redistributed: false, hasTotal: true },
    { name: 'one line left carries everything', weights: [30, 70], counted: [true, false], configured: ['30', '70'], effective: ['100', null], redistributed: true, hasTotal: true },
  ];
  for (const row of table) {
    it(row.name, () => {
      const result = redistributeWeights(lines(row.weights, row.counted));
      expect(result.lines.map((l) => pct(l.configured))).toEqual(row.configured);
      expect(result.lines.map((l) => pct(l.effective))).toEqual(row.effective);
      expect(result.redistributed).toBe(row.redistributed);
      expect(result.hasTotal).toBe(row.hasTotal);
    });
  }

  it('keeps shares exact: 30/70 and 40/70 add up to exactly 1', () => {
    const [, a, b] = redistributeWeights(lines([30, 30, 40], [false, true, true])).lines;
    expect(a?.effective).toEqual({ n: 3n, d: 7n });
    expect(b?.effective).toEqual({ n: 4n, d: 7n });
  });
});
