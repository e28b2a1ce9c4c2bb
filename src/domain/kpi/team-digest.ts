import type { IndicatorDefinition, IndicatorKey } from './indicators.js';
import { paceOf, type LinePace } from './pace.js';
import { add, cmp, sub, ZERO, type Rational } from './rational.js';
import type { Scorecard } from './scorecard.js';

/**
 * The pure part of the manager's Monday digest: the team's month to date on the lines a manager
 * steers by (回款 and 签约), against the summed targets and the pace of the month, and each rep's
 * gap on the same lines. No I/O; the report passes month scorecards in.
 */

/** 回款 and 签约: the money lines of the sales template, in the order the card shows them. */
export const DIGEST_INDICATORS: readonly IndicatorKey[] = ['payments_collected', 'revenue_won'];

export interface TeamLineTotal {
  indicator: IndicatorDefinition;
  actual: Rational;
  target: Rational;
  /** Ahead or behind the target prorated to the days gone by. */
  pace: LinePace | null;
}

export interface RepGap {
  userId: number;
  name: string;
  /** Per digest line the rep has a target on: what is missing to reach it (zero once met). */
  gaps: { indicator: IndicatorDefinition; gap: Rational }[];
  /** Σ of the fractions still missing (gap ÷ target): orders the reps, furthest behind first. */
  behind: number;
}

const lineOf = (card: Scorecard, key: IndicatorKey) => card.lines.find((l) => l.indicator.key === key && l.target !== null);

/** Sums each digest line over the team; a line no rep has a target on is left out. */
export function teamLineTotals(cards: readonly Scorecard[], days: { elapsedDays: number; periodDays: number }, keys: readonly IndicatorKey[] = DIGEST_INDICATORS): TeamLineTotal[] {
  return keys.flatMap((key) => {
    const lines = cards.flatMap((c) => lineOf(c, key) ?? []);
    const first = lines[0];
    if (!first) return [];
    const actual = lines.reduce((s, l) => add(s, l.actual ?? ZERO), ZERO);
    const target = lines.reduce((s, l) => add(s, l.target as Rational), ZERO);
    const pace = paceOf({ actual, target, additive: first.indicator.additive, lowerIsBetter: first.indicator.direction === 'lower', ...days });
    return [{ indicator: first.indicator, actual, target, pace }];
  });
}

/** Each rep's gap to target on the digest lines, furthest behind first (ties by name). */
export function repGaps(reps: readonly { userId: number; name: string; scorecard: Scorecard }[], keys: readonly IndicatorKey[] = DIGEST_INDICATORS): RepGap[] {
  return reps
    .map((rep) => {
      let behind = 0;
      const gaps = keys.flatMap((key) => {
        const line = lineOf(rep.scorecard, key);
        if (!line) return [];
        const target = line.target as Rational;
        const actual = line.actual ?? ZERO;
        const gap = cmp(actual, target) >= 0 ? ZERO : sub(target, actual);
        if (target.n !== 0n) behind += Number(gap.n * 10_000n * target.d / (gap.d * target.n)) / 10_000;
        return [{ indicator: line.indicator, gap }];
      });
      return { userId: rep.userId, name: rep.name, gaps, behind };
    })
    .sort((a, b) => b.behind - a.behind || a.name.localeCompare(b.name, 'zh'));
}

export interface PipelineMoves {
  created: number;
  advanced: number;
  won: number;
  lost: number;
}

export const NO_MOVES: PipelineMoves = { created: 0, advanced: 0, won: 0, lost: 0 };

/**
 * One stage change of a deal into pipeline movement: created (no stage before), won, lost, or
 * advanced (any other change: a move back a stage is rare and still worth a manager's look).
 */
export function moveKindOf(fromStage: string | null, toStage: string): keyof PipelineMoves {
  if (toStage === 'won') return 'won';
  if (toStage === 'lost') return 'lost';
  return fromStage === null ? 'created' : 'advanced';
}
