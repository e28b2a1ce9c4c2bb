import { describe, expect, it } from 'vitest';
import { gradeViewOf, paceOf } from '../../../../src/domain/kpi/pace.js';
import { rat, ratFromDecimal, toDecimalString } from '../../../../src/domain/kpi/rational.js';
import { parsePeriodKey } from '../../../../src/domain/period.js';

const BANDS = ['S', 'A', 'B', 'C', 'D'].map((grade) => ({ grade }));
const period = (key: string) => {
  const p = parsePeriodKey(key);
  if (!p) throw new Error(key);
  return p;
};
/** 40 visits a month scaled to a week: 40 × 7/30 = 28/3 = 9.33. */
const weeklyVisits = rat(28, 3);

describe('early-period pace: a grade shows once the minimum share of the period has passed', () => {
  const table: { name: string; key: string; today: string; pct?: number; grade?: string | null; countTargets?: ReturnType<typeof rat>[]; expected: string }[] = [
    { name: '1st of a month: pace', key: '2026-11', today: '2026-11-01', expected: 'pace early 1/30' },
    { name: '2nd of a month: pace', key: '2026-11', today: '2026-11-02', expected: 'pace early 2/30' },
    { name: '7th of a 30-day month: 23.3% < 25%', key: '2026-11', today: '2026-11-07', expected: 'pace early 7/30' },
    { name: '8th of a 30-day month: 26.7% ≥ 25%', key: '2026-11', today: '2026-11-08', expected: 'grade B' },
    { name: '7th of February in a leap year: 7/29 < 25%', key: '2028-02', today: '2028-02-07', expected: 'pace early 7/29' },
    { name: '29 Feb (leap day): the whole month', key: '2028-02', today: '2028-02-29', expected: 'grade B' },
    { name: '31 Dec in December', key: '2026-12', today: '2026-12-31', expected: 'grade B' },
    { name: '31 Dec in the year: 365/365', key: '2026', today: '2026-12-31', expected: 'grade B' },
    { name: '1 Jan in the year: pace', key: '2026', today: '2026-01-01', expected: 'pace early 1/365' },
    { name: 'ISO week 53, Monday: 1/7', key: '2026-W53', today: '2026-12-28', expected: 'pace early 1/7' },
    { name: 'ISO week 53, Tuesday: 2/7 ≥ 25%', key: '2026-W53', today: '2026-12-29', expected: 'grade B' },
    { name: 'ISO week 53, Sunday in the next year', key: '2026-W53', today: '2027-01-03', expected: 'grade B' },
    { name: 'a past period is complete', key: '2026-10', today: '2026-11-01', expected: 'grade B' },
    { name: 'exactly the share: 15 of 30 days at 50%', key: '2026-11', today: '2026-11-15', pct: 50, expected: 'grade B' },
    { name: 'a minimum of 0 shows grades from the first day', key: '2026-11', today: '2026-11-01', pct: 0, expected: 'grade B' },
    { name: 'no total: nothing to grade', key: '2026-11', today: '2026-11-20', grade: null, expected: 'pace no-total 20/30' },
    { name: 'weekly S on a fractional count goal (9.33 visits): pace', key: '2026-W48', today: '2026-11-29', grade: 'S', countTargets: [weeklyVisits], expected: 'pace fractional-goal 7/7' },
    { name: 'weekly D on a fractional count goal: pace', key: '2026-W48', today: '2026-11-29', grade: 'D', countTargets: [rat(2), weeklyVisits], expected: 'pace fractional-goal 7/7' },
    { name: 'weekly B on a fractional count goal: the grade shows', key: '2026-W48', today: '2026-11-29', grade: 'B', countTargets: [weeklyVisits], expected: 'grade B' },
    { name: 'S on whole count goals: the grade shows', key: '2026-11', today: '2026-11-30', grade: 'S', countTargets: [rat(40), rat(8)], expected: 'grade S' },
  ];
  for (const row of table) {
    it(row.name, () => {
      const view = gradeViewOf({ period: period(row.key), today: row.today, minSharePct: row.pct ?? 25, grade: row.grade === undefined ? 'B' : row.grade, bands: BANDS, countTargets: row.countTargets ?? [] });
      const text = view.show === 'grade' ? `grade ${view.grade}` : `pace ${view.reason} ${view.elapsedDays}/${view.periodDays}`;
      expect(text).toBe(row.expected);
    });
  }
});

describe('pace of a line: actual against the target prorated to the days gone by', () => {
  const table: { name: string; actual: number | null; target: number; additive?: boolean; lower?: boolean; elapsed: number; days: number; expected: string | null }[] = [
    { name: '8 visits by day 6 of 30 against 40: expected 8, ahead', actual: 8, target: 40, elapsed: 6, days: 30, expected: 'ahead 8' },
    { name: '7 visits by day 6: behind', actual: 7, target: 40, elapsed: 6, days: 30, expected: 'behind 8' },
    { name: 'a week of visits, day 3: 40 × 3/30 = 4', actual: 3, target: 40, elapsed: 3, days: 30, expected: 'behind 4' },
    { name: 'a ratio is not prorated', actual: 0.3, target: 0.3, additive: false, elapsed: 1, days: 30, expected: 'ahead 0.3' },
    { name: 'lower is better: under the line is ahead', actual: 20, target: 24, additive: false, lower: true, elapsed: 1, days: 30, expected: 'ahead 24' },
    { name: 'no data: no pace', actual: null, target: 40, elapsed: 5, days: 30, expected: null },
  ];
  for (const row of table) {
    it(row.name, () => {
      const pace = paceOf({
        actual: row.actual === null ? null : ratFromDecimal(row.actual),
        target: ratFromDecimal(row.target),
        additive: row.additive ?? true,
        lowerIsBetter: row.lower ?? false,
        elapsedDays: row.elapsed,
        periodDays: row.days,
      });
      expect(pace === null ? null : `${pace.status} ${toDecimalString(pace.expected, 2)}`).toBe(row.expected);
    });
  }
});
