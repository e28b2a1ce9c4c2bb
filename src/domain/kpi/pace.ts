import { cmp, mul, rat, type Rational } from './rational.js';

/**
 * Early in a period a grade says little (one visit on the 2nd of the month is 2.5% of the target), so
 * the card shows pace instead: each line's actual against its target prorated to the days gone by.
 *
 * Rules, stated once:
 * - Days gone by count the period's first day through today, both included (the 1st of a month is
 *   1/30); before the period 0, after it the whole period.
 * - A grade appears once days gone by ÷ period days ≥ the configured minimum share (default 25%,
 *   KPI_MIN_PERIOD_SHARE_FOR_GRADE_PCT). Exact: a 30-day month shows grades from the 8th (8/30 ≥ 25%,
 *   7/30 is not); a week from Tuesday (2/7).
 * - Fractional goals: a weekly card scores monthly count targets scaled to the week (40 visits × 7/30 =
 *   9.33), which nobody can hit exactly, so one visit more or less jumps across a whole band at the
 *   ends. We read "no S/D on weekly targets with fractional goals" literally: when a count goal of a
 *   line that counts is not a whole number, the extreme grades (the template's top and bottom bands)
 *   are not shown and the card shows pace instead; the grades in between still show. Money and ratio
 *   goals are fractional by nature and do not trigger this.
 * - Pace of a line: ahead when actual ≥ target × days gone by ÷ period days, else behind. Only
 *   additive indicators (sums over time) have a pace; a ratio is compared as it stands.
 */

export interface PeriodDays {
  startDate: string;
  lastDate: string;
  days: number;
}

export type GradeView =
  | { show: 'grade'; grade: string }
  | { show: 'pace'; reason: 'early' | 'fractional-goal' | 'no-total'; elapsedDays: number; periodDays: number };

export interface GradeViewInput {
  period: PeriodDays;
  /** Today's business date, 'YYYY-MM-DD'. */
  today: string;
  /** Minimum share of the period, in percent, before a grade shows. */
  minSharePct: number;
  grade: string | null;
  /** The template's grade bands, top first. */
  bands: readonly { grade: string }[];
  /** Targets of the lines that count whose unit is a count (visits, customers). */
  countTargets: readonly Rational[];
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

export function elapsedDaysOf(period: PeriodDays, today: string): number {
  if (today < period.startDate) return 0;
  if (today > period.lastDate) return period.days;
  return dayNumber(today) - dayNumber(period.startDate) + 1;
}

export function gradeViewOf(input: GradeViewInput): GradeView {
  const elapsedDays = elapsedDaysOf(input.period, input.today);
  const pace = (reason: 'early' | 'fractional-goal' | 'no-total'): GradeView => ({ show: 'pace', reason, elapsedDays, periodDays: input.period.days });
  if (input.grade === null) return pace('no-total');
  // elapsed / days ≥ pct / 100, in integers.
  if (elapsedDays * 100 < input.minSharePct * input.period.days) return pace('early');
  const extreme = input.grade === input.bands[0]?.grade || input.grade === input.bands.at(-1)?.grade;
  if (extreme && input.countTargets.some((t) => t.d !== 1n)) return pace('fractional-goal');
  return { show: 'grade', grade: input.grade };
}

export interface LinePace {
  /** The target prorated to the days gone by. */
  expected: Rational;
  status: 'ahead' | 'behind';
}

export function paceOf(input: { actual: Rational | null; target: Rational | null; additive: boolean; lowerIsBetter: boolean; elapsedDays: number; periodDays: number }): LinePace | null {
  if (input.actual === null || input.target === null || input.periodDays <= 0) return null;
  const expected = input.additive ? mul(input.target, rat(input.elapsedDays, input.periodDays)) : input.target;
  const order = cmp(input.actual, expected);
  const ahead = input.lowerIsBetter ? order <= 0 : order >= 0;
  return { expected, status: ahead ? 'ahead' : 'behind' };
}
