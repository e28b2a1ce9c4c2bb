import { employedDaysIn, type Period } from '../period.js';
import { indicatorOf, type IndicatorDefinition } from './indicators.js';
import type { RepMeasures } from './measures.js';
import { add, clamp, cmp, mul, rat, ratFromDecimal, roundHalfUp, sub, sum, ZERO, ONE, type Rational } from './rational.js';
import { isWeightedRule, scoreLine, weightOf, type LineScore } from './scoring.js';
import { primaryLineOf, type TemplateContent, type TemplateLine } from './template.js';
import { applyVerificationRule, type VerifiedSource } from './verification-rule.js';
import { redistributeWeights, type LineWeight, type WeightRedistribution } from './weights.js';

/**
 * A rep's scorecard for one period: every line's actual, target, achievement, score and contribution,
 * then the total and the grade.
 *
 * Total = Σ(weight × line score) ÷ Σ weight (over the lines that count) + bonus − deductions, clamped
 * to the template's range. The official total is that number rounded half-up to 2 decimals: the grade
 * and the ranking use the official total, so what a rep reads is what they are graded on.
 *
 * Proration: a rep who joined or left mid-period gets targets (and tier thresholds on actual values)
 * of additive indicators multiplied by employed calendar days ÷ calendar days in the period (join day
 * and last day both count). Ratio targets are not prorated. A per-rep target override is taken as
 * given, because whoever set it already set it for that rep and period. A period of another type than
 * the template's (this week, scored with a monthly template) scales the same targets by the period's
 * days ÷ the days of the template period that contains it (7 ÷ 30).
 */

export interface Employment {
  joinedOn?: string | null;
  leftOn?: string | null;
}

export interface ScorecardInput {
  content: TemplateContent;
  period: Period;
  measures: RepMeasures;
  employment?: Employment;
  /** Target overrides by line id, in the indicator's unit. */
  targetOverrides?: ReadonlyMap<string, number>;
  /** Scoring a period of another length than the template's (a week of a monthly template): days ÷ ofDays. */
  periodScale?: { days: number; ofDays: number };
}

export interface ScorecardLine extends LineScore {
  line: TemplateLine;
  indicator: IndicatorDefinition;
  actual: Rational | null;
  /** Template (or override) target before proration. */
  baseTarget: Rational | null;
  /** Target the line is scored against. */
  target: Rational | null;
  overridden: boolean;
  /** weight ÷ Σ weights of the lines that count; null for lines that do not count. */
  weightShare: Rational | null;
  /** weight ÷ Σ configured weights (what the template says); null for bonus and deduction lines. */
  configuredWeightShare: Rational | null;
  /** What the line adds to the total (negative for deductions). */
  contribution: Rational;
  /** Records the line's verification rule left out (said on the scorecard), or null. */
  leftOut: { source: VerifiedSource; count: number } | null;
  /** The actual before the line's per-period cap cut it (the cap is `actual`), or null. */
  uncappedActual: Rational | null;
}

export interface Scorecard {
  periodKey: string;
  lines: ScorecardLine[];
  /** Employed days ÷ period days, when not the whole period. */
  proration: { employedDays: number; periodDays: number } | null;
  /** Template-period scaling, when the period is not of the template's type. */
  periodScale: { days: number; ofDays: number } | null;
  weightedScore: Rational;
  bonus: Rational;
  deductions: Rational;
  /** Before clamping. */
  rawTotal: Rational;
  /** Rounded half-up to 2 decimals after clamping; null when no line could be scored. */
  total: Rational | null;
  grade: string | null;
  /** The tie-break line's score (see ranking). */
  primaryScore: Rational | null;
  /** A weighted line dropped out and the others were scaled up (see weights.ts). */
  weightsRedistributed: boolean;
  /** Some line has a non-zero actual: anything was recorded (ranking lists reps without data apart). */
  hasData: boolean;
}

export function targetOf(line: TemplateLine, overrides: ReadonlyMap<string, number> | undefined): { base: Rational | null; overridden: boolean } {
  const override = overrides?.get(line.id);
  if (override !== undefined) return { base: ratFromDecimal(override), overridden: true };
  return { base: line.target === undefined ? null : ratFromDecimal(line.target), overridden: false };
}

export function gradeOf(total: Rational, bands: TemplateContent['gradeBands']): string {
  for (let i = 0; i < bands.length - 1; i += 1) {
    const band = bands[i] as { grade: string; min: number };
    if (cmp(total, ratFromDecimal(band.min)) >= 0) return band.grade;
  }
  return (bands.at(-1) as { grade: string }).grade;
}

/** The line's per-period cap on the actual (training hours), scaled like the line's targets. */
function capActual(actual: Rational | null, line: TemplateLine, proration: Rational): { actual: Rational | null; uncappedActual: Rational | null } {
  if (actual === null || line.actualCap === undefined) return { actual, uncappedActual: null };
  const cap = mul(ratFromDecimal(line.actualCap), proration);
  return cmp(actual, cap) > 0 ? { actual: cap, uncappedActual: actual } : { actual, uncappedActual: null };
}

type Weights = { weights: WeightRedistribution; weightById: ReadonlyMap<string, LineWeight> };
// A template's weight shares depend only on which of its lines count, and nearly every rep has the same
// lines counted: computed once per template content and pattern, not once per rep (the rationals are
// immutable, so sharing them is safe).
const weightsByContent = new WeakMap<readonly TemplateLine[], Map<string, Weights>>();

function weightsFor(templateLines: readonly TemplateLine[], counted: boolean[]): Weights {
  // Ids and weights are in the key too, so content edited in place is never served stale shares.
  const key = templateLines.map((line, i) => `${line.id}:${isWeightedRule(line.rule) ? line.weight : '-'}:${counted[i] ? 1 : 0}`).join('|');
  let byPattern = weightsByContent.get(templateLines);
  if (!byPattern) weightsByContent.set(templateLines, (byPattern = new Map()));
  const cached = byPattern.get(key);
  if (cached) return cached;
  const weighted = templateLines.flatMap((line, i) => (isWeightedRule(line.rule) ? [{ id: line.id, weight: weightOf(line), counted: counted[i] as boolean }] : []));
  const weights = redistributeWeights(weighted);
  const result = { weights, weightById: new Map(weights.lines.map((w) => [w.id, w])) };
  byPattern.set(key, result);
  return result;
}

export function computeScorecard({ content, period, measures, employment, targetOverrides, periodScale }: ScorecardInput): Scorecard {
  const employedDays = employedDaysIn(period, employment?.joinedOn, employment?.leftOn);
  const partial = employedDays < period.days;
  const scale = periodScale && periodScale.ofDays > 0 ? rat(periodScale.days, periodScale.ofDays) : ONE;
  const proration = mul(partial ? rat(employedDays, period.days) : ONE, scale);

  const scored = content.lines.map((line) => {
    const indicator = indicatorOf(line.indicator);
    const ruled = applyVerificationRule(measures, line.indicator, line.verification);
    const leftOut = ruled.source && ruled.leftOut > 0 ? { source: ruled.source, count: ruled.leftOut } : null;
    const { actual, uncappedActual } = capActual(indicator.compute(ruled.measures, { salesChannel: line.salesChannel }), line, indicator.additive ? proration : ONE);
    const { base, overridden } = targetOf(line, targetOverrides);
    const target = base !== null && indicator.additive && !overridden ? mul(base, proration) : base;
    const score = scoreLine({ line, indicator, actual, target, proration: indicator.additive ? proration : ONE });
    return { line, indicator, actual, baseTarget: base, target, overridden, score, leftOut, uncappedActual };
  });

  const { weights, weightById } = weightsFor(content.lines, scored.map((s) => s.score.counted && s.score.points !== null));
  const lines: ScorecardLine[] = scored.map(({ line, indicator, actual, baseTarget, target, overridden, score, leftOut, uncappedActual }) => {
    const share = weightById.get(line.id);
    const weightShare = share?.effective ?? null;
    let contribution = ZERO;
    if (isWeightedRule(line.rule)) {
      if (weightShare !== null && score.points !== null) contribution = mul(score.points, weightShare);
    } else if (score.points !== null) {
      contribution = line.rule.kind === 'deduction' ? mul(score.points, rat(-1)) : score.points;
    }
    // Written out, not `{ ...rest, ...score }`: object rest and spread went through the runtime for every
    // line of every rep and were most of the engine's time. Same keys in the same order.
    const { status, achievement, points, counted } = score;
    const configuredWeightShare = share?.configured ?? null;
    if ('tier' in score) {
      const tier = score.tier;
      return { line, indicator, actual, baseTarget, target, overridden, leftOut, uncappedActual, status, achievement, points, counted, tier, weightShare, configuredWeightShare, contribution };
    }
    return { line, indicator, actual, baseTarget, target, overridden, leftOut, uncappedActual, status, achievement, points, counted, weightShare, configuredWeightShare, contribution };
  });

  const weightedScore = sum(lines.filter((l) => isWeightedRule(l.line.rule)).map((l) => l.contribution));
  const bonus = sum(lines.filter((l) => l.line.rule.kind === 'bonus').map((l) => l.contribution));
  const deductions = sub(ZERO, sum(lines.filter((l) => l.line.rule.kind === 'deduction').map((l) => l.contribution)));
  const rawTotal = sub(add(weightedScore, bonus), deductions);
  const anyCounted = weights.hasTotal;
  const clamped = clamp(rawTotal, ratFromDecimal(content.totalRange.min), ratFromDecimal(content.totalRange.max));
  const total = anyCounted ? rat(roundHalfUp(clamped, 2), 100n) : null;
  const primary = primaryLineOf(content);
  const primaryLine = primary ? lines.find((l) => l.line.id === primary.id) : undefined;

  return {
    periodKey: period.key,
    lines,
    proration: partial ? { employedDays, periodDays: period.days } : null,
    periodScale: periodScale ?? null,
    weightedScore,
    bonus,
    deductions,
    rawTotal,
    total,
    grade: total === null ? null : gradeOf(total, content.gradeBands),
    primaryScore: primaryLine?.points ?? null,
    weightsRedistributed: weights.redistributed,
    hasData: lines.some((l) => l.actual !== null && l.actual.n !== 0n),
  };
}
