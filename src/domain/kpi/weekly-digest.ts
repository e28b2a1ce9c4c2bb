import { phrase, type Phrase } from '../phrase.js';
import { cmp, sub, toNumber, type Rational } from './rational.js';
import type { Scorecard } from './scorecard.js';

/**
 * The pure parts of the weekly KPI card: trend arrows against the week before and the "what to do
 * next" advice from the month to date. No I/O; the service passes scorecards in.
 */

export type Trend = '↑' | '↓' | '→' | '';

/** ↑ better than the week before, ↓ worse, → the same; nothing when either week has no value. */
export function trendOf(current: Rational | null, previous: Rational | null): Trend {
  if (current === null || previous === null) return '';
  const c = cmp(current, previous);
  return c > 0 ? '↑' : c < 0 ? '↓' : '→';
}

/** "剩 2 周" from two weeks on, "剩 5 天" below that: a rep plans a fortnight in weeks, a week in days. */
export function remainingText(days: number): Phrase {
  if (days >= 14) return phrase('weekly.remaining.weeks', { n: Math.floor(days / 7) });
  return phrase('weekly.remaining.days', { n: days });
}

/**
 * Up to `limit` pieces of advice: for each additive, higher-is-better weighted line still short of its
 * month target, how much is missing and how long is left. The template's primary line comes first,
 * then the lines furthest behind. When every such line is met, one line says so.
 */
export function nextSteps(month: Scorecard, remainingDays: number, limit = 2): Phrase[] {
  if (remainingDays <= 0) return [];
  const behind = month.lines
    .filter((l) => (l.line.rule.kind === 'linear' || l.line.rule.kind === 'tiered') && l.indicator.additive && l.indicator.direction === 'higher')
    .filter((l) => l.target !== null && l.actual !== null && cmp(l.actual, l.target) < 0)
    .sort((a, b) => Number(Boolean(b.line.primary)) - Number(Boolean(a.line.primary)) || toNumber(a.achievement ?? a.actual!) - toNumber(b.achievement ?? b.actual!));
  if (behind.length === 0) return [phrase('weekly.next.allMet')];
  return behind.slice(0, limit).map((l) =>
    phrase('weekly.next.gap', {
      name: phrase(l.indicator.name),
      gap: { unit: l.indicator.unit, value: sub(l.target as Rational, l.actual as Rational) },
      remaining: remainingText(remainingDays),
    }),
  );
}
