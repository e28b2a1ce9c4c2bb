import type { IndicatorDefinition } from './indicators.js';
import { cmp, div, HUNDRED, isZero, min, mul, rat, ratFromDecimal, ZERO, type Rational } from './rational.js';
import type { LineRule, TemplateLine } from './template.js';

/**
 * Scores one template line from its actual value and (prorated) target. Pure and exact.
 *
 * Rules, stated once:
 * - linear, higher is better: achievement = actual ÷ target; lower is better: target ÷ actual.
 *   Score = min(achievement, cap) × 100 points; an achievement below the gate scores 0 (exactly at the
 *   gate scores normally).
 * - A zero target cannot be divided by: the line is "no target" and left out of Σ weights — except
 *   lower-is-better lines, where a zero actual is the best possible result and scores the cap, and a
 *   positive actual against a zero target scores 0.
 * - tiered: the highest tier reached earns its points ("reached" means value ≥ from, or value ≤ from
 *   for lower-is-better indicators); below every tier earns 0.
 * - deduction / bonus: perUnit × actual points off / on the total, at most maxPoints.
 * - No data (a ratio without denominator): excluded from Σ weights, or 0 points when whenNoData = zero.
 */

export type LineStatus = 'scored' | 'capped' | 'gated' | 'best-possible' | 'no-data' | 'no-target' | 'below-tiers';

export interface LineScore {
  status: LineStatus;
  /** Uncapped achievement as a fraction (0.82 = 82%); null when it cannot be computed. */
  achievement: Rational | null;
  /** Points of a weighted line (0–cap×100), or points added (bonus) / taken off (deduction); null = left out. */
  points: Rational | null;
  /** Whether a weighted line counts in Σ weights. */
  counted: boolean;
  /** The tier reached (tiered lines). */
  tier?: { from: Rational; points: Rational };
}

export interface LineInputs {
  line: TemplateLine;
  indicator: IndicatorDefinition;
  actual: Rational | null;
  /** The target after overrides and proration. */
  target: Rational | null;
  /** Multiplies tier thresholds on additive indicators (employed days ÷ period days). */
  proration: Rational;
}

export function isWeightedRule(rule: LineRule): boolean {
  return rule.kind === 'linear' || rule.kind === 'tiered';
}

function achievementOf(actual: Rational, target: Rational, lowerIsBetter: boolean): { value: Rational | null; status?: LineStatus } {
  if (!lowerIsBetter) {
    if (isZero(target)) return { value: null, status: 'no-target' };
    return { value: div(actual, target) };
  }
  if (isZero(actual)) return { value: null, status: 'best-possible' };
  return { value: div(target, actual) };
}

function noData(line: TemplateLine): LineScore {
  const zero = line.whenNoData === 'zero';
  return { status: 'no-data', achievement: null, points: zero ? ZERO : null, counted: zero };
}

export function scoreLine({ line, indicator, actual, target, proration }: LineInputs): LineScore {
  const rule = line.rule;
  const lowerIsBetter = indicator.direction === 'lower';
  switch (rule.kind) {
    case 'linear': {
      if (actual === null) return noData(line);
      const cap = ratFromDecimal(rule.cap);
      if (target === null) return { status: 'no-target', achievement: null, points: null, counted: false };
      const { value, status } = achievementOf(actual, target, lowerIsBetter);
      if (status === 'best-possible') return { status, achievement: null, points: mul(cap, HUNDRED), counted: true };
      if (value === null) return { status: 'no-target', achievement: null, points: null, counted: false };
      if (rule.gate !== undefined && cmp(value, ratFromDecimal(rule.gate)) < 0) return { status: 'gated', achievement: value, points: ZERO, counted: true };
      const capped = cmp(value, cap) > 0;
      return { status: capped ? 'capped' : 'scored', achievement: value, points: mul(min(value, cap), HUNDRED), counted: true };
    }
    case 'tiered': {
      if (actual === null) return noData(line);
      let value: Rational;
      let achievement: Rational | null = null;
      const scaleThresholds = rule.basis === 'actual' && indicator.additive;
      if (rule.basis === 'achievement') {
        if (target === null) return { status: 'no-target', achievement: null, points: null, counted: false };
        const result = achievementOf(actual, target, lowerIsBetter);
        if (result.status === 'best-possible') {
          const best = rule.tiers.at(-1) as { from: number; points: number };
          return { status: 'best-possible', achievement: null, points: ratFromDecimal(best.points), counted: true };
        }
        if (result.value === null) return { status: 'no-target', achievement: null, points: null, counted: false };
        value = result.value;
        achievement = value;
      } else {
        value = actual;
        if (target !== null) achievement = achievementOf(actual, target, lowerIsBetter).value;
      }
      const tiers = rule.tiers.map((t) => ({
        from: scaleThresholds ? mul(ratFromDecimal(t.from), proration) : ratFromDecimal(t.from),
        points: ratFromDecimal(t.points),
      }));
      // Achievement is already "higher is better"; only raw lower-is-better values reach a tier from above.
      const fromAbove = lowerIsBetter && rule.basis === 'actual';
      const reached = tiers.filter((t) => (fromAbove ? cmp(value, t.from) <= 0 : cmp(value, t.from) >= 0));
      const tier = fromAbove ? reached[0] : reached.at(-1);
      if (!tier) return { status: 'below-tiers', achievement, points: ZERO, counted: true };
      return { status: 'scored', achievement, points: tier.points, counted: true, tier };
    }
    case 'deduction':
    case 'bonus': {
      if (actual === null) return { status: 'no-data', achievement: null, points: ZERO, counted: false };
      const raw = mul(ratFromDecimal(rule.perUnit), actual);
      const ceiling = ratFromDecimal(rule.maxPoints);
      const capped = cmp(raw, ceiling) > 0;
      return { status: capped ? 'capped' : 'scored', achievement: null, points: capped ? ceiling : raw, counted: false };
    }
  }
}

/** The weight a line carries in Σ weights: bonus and deduction lines carry none. */
export function weightOf(line: TemplateLine): Rational {
  return isWeightedRule(line.rule) ? ratFromDecimal(line.weight) : rat(0);
}
