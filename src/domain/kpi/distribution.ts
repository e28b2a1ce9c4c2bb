/**
 * Forced-distribution check (强制分布): e.g. at most 10% S and at least 5% D. It only reports which
 * limits a set of grades breaks; it never changes a grade — a person decides what to do.
 *
 * Counting rule: a "max" share allows floor(n × share) people (10% of 25 reps = 2), a "min" share
 * requires ceil(n × share) people (5% of 25 reps = 2), computed exactly on the decimal shares.
 */
import { rat, ratFromDecimal, mul, roundHalfUp, type Rational } from './rational.js';

export interface DistributionRule {
  grade: string;
  /** A fraction: 0.1 = 10%. */
  max?: number;
  min?: number;
}

export const DEFAULT_DISTRIBUTION: DistributionRule[] = [
  { grade: 'S', max: 0.1 },
  { grade: 'D', min: 0.05 },
];

export interface DistributionFlag {
  grade: string;
  kind: 'max' | 'min';
  share: number;
  count: number;
  allowed: number;
  /** Positive: how many are over the max or short of the min. */
  excess: number;
}

export interface DistributionReport {
  total: number;
  counts: Record<string, number>;
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

export function checkDistribution(grades: readonly (string | null)[], rules: readonly DistributionRule[] = DEFAULT_DISTRIBUTION): DistributionReport {
  const graded = grades.filter((g): g is string => g !== null);
  const counts: Record<string, number> = {};
  for (const grade of graded) counts[grade] = (counts[grade] ?? 0) + 1;
  const n = rat(graded.length);
  const flags: DistributionFlag[] = [];
  for (const rule of rules) {
    const count = counts[rule.grade] ?? 0;
    if (rule.max !== undefined) {
      const allowed = floorOf(mul(n, ratFromDecimal(rule.max)));
      if (count > allowed) flags.push({ grade: rule.grade, kind: 'max', share: rule.max, count, allowed, excess: count - allowed });
    }
    if (rule.min !== undefined) {
      const required = ceilOf(mul(n, ratFromDecimal(rule.min)));
      if (count < required) flags.push({ grade: rule.grade, kind: 'min', share: rule.min, count, allowed: required, excess: required - count });
    }
  }
  return { total: graded.length, counts, flags, ok: flags.length === 0 };
}

/** Share of a grade as a percent with one decimal, for display. */
export function shareText(count: number, total: number): string {
  if (total === 0) return '—';
  const tenths = roundHalfUp(rat(count * 100, total), 1);
  return `${tenths / 10n}.${tenths % 10n}%`;
}
