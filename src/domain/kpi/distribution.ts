/**
 * Forced-distribution check (强制分布): at most a share at the top grade (S ≤ 10%) and at least a
 * share at the bottom one (D ≥ 5%). It only reports; it never changes a grade — a person decides.
 *
 * Counting rule, exact on the decimal percents (no floats):
 * - a team of 10 or more: a maximum allows ⌊n × max⌋, a minimum requires ⌈n × min⌉ (10% of 25 = 2);
 * - a smaller team: a maximum allows ⌈n × max⌉ and a minimum requires ⌊n × min⌋, so a team of 6 may
 *   have one S and need not have a D (⌊6 × 5%⌋ = 0): the usual rule would forbid S and demand a D.
 */
import { rat, ratFromDecimal, mul, roundHalfUp, type Rational } from './rational.js';

/** Grades in the order people read them, best first. */
export const GRADE_ORDER = ['S', 'A', 'B', 'C', 'D'] as const;

/** Teams smaller than this use the small-team rounding. */
export const SMALL_TEAM_SIZE = 10;

export interface DistributionRule {
  grade: string;
  /** Percents, as written: 10 = 10%. */
  maxPercent?: number;
  minPercent?: number;
}

/** The two configurable limits: the top grade's maximum share and the bottom grade's minimum share. */
export interface DistributionLimits {
  maxTopPercent: number;
  minBottomPercent: number;
}

export const DEFAULT_DISTRIBUTION_LIMITS: DistributionLimits = { maxTopPercent: 10, minBottomPercent: 5 };

export function distributionRules(limits: DistributionLimits): DistributionRule[] {
  return [
    { grade: 'S', maxPercent: limits.maxTopPercent },
    { grade: 'D', minPercent: limits.minBottomPercent },
  ];
}

export const DEFAULT_DISTRIBUTION: DistributionRule[] = distributionRules(DEFAULT_DISTRIBUTION_LIMITS);

export type Rounding = 'small-team' | 'standard';

/** One limit checked: the count at the grade against the number of people the limit works out to. */
export interface DistributionCheck {
  grade: string;
  kind: 'max' | 'min';
  percent: number;
  count: number;
  /** People allowed (max) or required (min). */
  limit: number;
  ok: boolean;
}

export interface DistributionFlag extends DistributionCheck {
  /** Kept for callers that read the old name: the same as limit. */
  allowed: number;
  /** How many are over the max or short of the min. */
  excess: number;
}

export interface DistributionReport {
  total: number;
  counts: Record<string, number>;
  rounding: Rounding;
  checks: DistributionCheck[];
  flags: DistributionFlag[];
  ok: boolean;
}

function floorOf(value: Rational): number {
  return Number(value.n / value.d);
}

function ceilOf(value: Rational): number {
  const q = value.n / value.d;
  return Number(value.n % value.d === 0n ? q : q + 1n);
}

export function roundingFor(n: number): Rounding {
  return n < SMALL_TEAM_SIZE ? 'small-team' : 'standard';
}

/** How many people a limit works out to in a team of n (see the counting rule above). */
export function limitCount(n: number, percent: number, kind: 'max' | 'min'): number {
  const exact = mul(rat(n), mul(ratFromDecimal(percent), rat(1, 100)));
  const small = roundingFor(n) === 'small-team';
  return kind === 'max' ? (small ? ceilOf(exact) : floorOf(exact)) : small ? floorOf(exact) : ceilOf(exact);
}

export function checkDistribution(grades: readonly (string | null)[], rules: readonly DistributionRule[] = DEFAULT_DISTRIBUTION): DistributionReport {
  const graded = grades.filter((g): g is string => g !== null);
  const counts: Record<string, number> = {};
  for (const grade of graded) counts[grade] = (counts[grade] ?? 0) + 1;
  const n = graded.length;
  const checks: DistributionCheck[] = [];
  for (const rule of rules) {
    const count = counts[rule.grade] ?? 0;
    if (rule.maxPercent !== undefined) {
      const limit = limitCount(n, rule.maxPercent, 'max');
      checks.push({ grade: rule.grade, kind: 'max', percent: rule.maxPercent, count, limit, ok: count <= limit });
    }
    if (rule.minPercent !== undefined) {
      const limit = limitCount(n, rule.minPercent, 'min');
      checks.push({ grade: rule.grade, kind: 'min', percent: rule.minPercent, count, limit, ok: count >= limit });
    }
  }
  const flags = checks.filter((c) => !c.ok).map((c) => ({ ...c, allowed: c.limit, excess: Math.abs(c.count - c.limit) }));
  return { total: n, counts, rounding: roundingFor(n), checks, flags, ok: flags.length === 0 };
}

/** The grades present, S·A·B·C·D first, any other grade after them in alphabetical order. */
export function orderedGrades(counts: Record<string, number>): string[] {
  const known = GRADE_ORDER.filter((g) => (counts[g] ?? 0) > 0);
  const others = Object.keys(counts).filter((g) => !(GRADE_ORDER as readonly string[]).includes(g)).sort();
  return [...known, ...others];
}

/** Share of a grade as a percent with one decimal, for display. */
export function shareText(count: number, total: number): string {
  if (total === 0) return '—';
  const tenths = roundHalfUp(rat(count * 100, total), 1);
  return `${tenths / 10n}.${tenths % 10n}%`;
}
