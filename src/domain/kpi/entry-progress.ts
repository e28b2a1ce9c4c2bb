import type { IndicatorKey, IndicatorUnit } from './indicators.js';
import { div, isZero, ZERO, type Rational } from './rational.js';
import type { ScorecardLine } from './scorecard.js';

/** The indicator an entry moves, for the "本月拜访 8/40" line under a saved record. */
export const INDICATOR_OF_ENTRY: Readonly<Record<string, IndicatorKey>> = {
  visit: 'visits',
  deal: 'revenue_won',
  payment: 'payments_collected',
};

export interface EntryProgress {
  indicator: IndicatorKey;
  unit: IndicatorUnit;
  actual: Rational;
  target: Rational;
  /** actual ÷ target, uncapped. */
  achievement: Rational;
  /** Records the line's verification rule leaves out for now (they count once verified). */
  pending: number;
}

/**
 * Where the period stands on the indicator an entry kind moves, from the rep's scorecard: the first
 * line of that indicator with a target (the one scored against). None when the template has no such
 * line, or no target to measure against.
 */
export function entryProgress(kind: string, lines: readonly ScorecardLine[]): EntryProgress | undefined {
  const key = INDICATOR_OF_ENTRY[kind];
  if (!key) return undefined;
  const line = lines.find((l) => l.indicator.key === key && l.target !== null && !isZero(l.target));
  if (!line || !line.target) return undefined;
  const actual = line.actual ?? ZERO;
  return { indicator: key, unit: line.indicator.unit, actual, target: line.target, achievement: div(actual, line.target), pending: line.leftOut?.count ?? 0 };
}
