import { t, type Locale } from '../../i18n/index.js';
import { formatPercent, formatPoints, formatValue } from './format.js';
import { cmp, mul, rat, ratFromDecimal, type Rational } from './rational.js';
import type { Scorecard, ScorecardLine } from './scorecard.js';
import type { TemplateContent } from './template.js';

/**
 * The sentences a rep reads under each line and under the total, e.g.
 * "回款额 8.2万 / 目标 10万 = 82%，得分 82 × 权重 30% = 24.6". Every number is the exact value
 * rounded half-up for display, so a rep can redo the arithmetic by hand.
 */

function nameOf(line: ScorecardLine, locale: Locale): string {
  const base = line.indicator.name[locale];
  return line.line.channel ? `${base}（${line.line.channel}）` : base;
}

function targetNotes(line: ScorecardLine, scorecard: Scorecard, locale: Locale): string {
  let notes = '';
  if (line.overridden) notes += t(locale, 'kpi.note.overridden');
  if (!line.baseTarget || !line.target || !line.indicator.additive || line.overridden) return notes;
  const values = { base: formatValue(line.indicator.unit, line.baseTarget, locale), target: formatValue(line.indicator.unit, line.target, locale) };
  if (scorecard.periodScale) notes += t(locale, 'kpi.note.scaled', { days: scorecard.periodScale.days, ofDays: scorecard.periodScale.ofDays, ...values });
  if (scorecard.proration) {
    notes += t(locale, 'kpi.note.prorated', { days: scorecard.proration.employedDays, periodDays: scorecard.proration.periodDays, ...values });
  }
  return notes;
}

export function explainLine(line: ScorecardLine, scorecard: Scorecard, locale: Locale): string {
  const unit = line.indicator.unit;
  const fmt = (value: Rational | null) => (value === null ? '—' : formatValue(unit, value, locale));
  const name = nameOf(line, locale);
  const common = {
    name,
    actual: fmt(line.actual),
    target: fmt(line.target),
    weight: line.weightShare ? formatPercent(line.weightShare) : '—',
    score: line.points ? formatPoints(line.points) : '0',
    contribution: formatPoints(line.contribution),
    achievement: line.achievement ? formatPercent(line.achievement) : '—',
    formula: line.indicator.formula[locale],
  };
  const rule = line.line.rule;
  const notes = targetNotes(line, scorecard, locale);

  if (rule.kind === 'deduction' || rule.kind === 'bonus') {
    if (line.status === 'no-data') return t(locale, 'kpi.line.noDataAdjust', common);
    return t(locale, rule.kind === 'deduction' ? 'kpi.line.deduction' : 'kpi.line.bonus', {
      ...common,
      perUnit: formatPoints(ratFromDecimal(rule.perUnit)),
      points: formatPoints(line.points ?? rat(0)),
      note: line.status === 'capped' ? t(locale, 'kpi.note.maxPoints', { max: formatPoints(ratFromDecimal(rule.maxPoints)) }) : '',
    });
  }
  if (line.status === 'no-data') return t(locale, line.counted ? 'kpi.line.noDataZero' : 'kpi.line.noData', common);
  if (line.status === 'no-target') return t(locale, 'kpi.line.noTarget', common) + notes;

  if (rule.kind === 'tiered') {
    const onAchievement = rule.basis === 'achievement';
    const fromAbove = line.indicator.direction === 'lower' && !onAchievement;
    const shown = onAchievement ? common.achievement : common.actual;
    const fmtFrom = (from: Rational) => (onAchievement ? formatPercent(from) : fmt(from));
    if (line.status === 'best-possible') return t(locale, 'kpi.line.bestPossible', common) + notes;
    if (line.status === 'below-tiers') {
      const lowest = rule.tiers[fromAbove ? rule.tiers.length - 1 : 0] as { from: number };
      const scale = !onAchievement && line.indicator.additive && scorecard.proration ? rat(scorecard.proration.employedDays, scorecard.proration.periodDays) : rat(1);
      return t(locale, 'kpi.line.belowTiers', { ...common, actual: shown, op: fromAbove ? '≤' : '≥', from: fmtFrom(mul(ratFromDecimal(lowest.from), scale)) }) + notes;
    }
    return t(locale, 'kpi.line.tiered', { ...common, actual: shown, op: fromAbove ? '≤' : '≥', from: line.tier ? fmtFrom(line.tier.from) : '—' }) + notes;
  }

  // linear
  const cap = formatPercent(ratFromDecimal(rule.cap));
  if (line.status === 'best-possible') return t(locale, 'kpi.line.bestPossible', common) + notes;
  if (line.status === 'gated') return t(locale, 'kpi.line.gated', { ...common, gate: formatPercent(ratFromDecimal(rule.gate ?? 0)) }) + notes;
  const note = line.status === 'capped' ? t(locale, 'kpi.note.capped', { cap }) : '';
  const key = line.indicator.direction === 'lower' ? 'kpi.line.linearLower' : 'kpi.line.linear';
  return t(locale, key, { ...common, note }) + notes;
}

export function explainTotal(scorecard: Scorecard, content: TemplateContent, locale: Locale): string {
  if (scorecard.total === null || scorecard.grade === null) return t(locale, 'kpi.total.none');
  const text = t(locale, 'kpi.total', {
    weighted: formatPoints(scorecard.weightedScore),
    bonus: formatPoints(scorecard.bonus),
    deductions: formatPoints(scorecard.deductions),
    total: formatPoints(scorecard.total),
    grade: scorecard.grade,
  });
  const min = ratFromDecimal(content.totalRange.min);
  const max = ratFromDecimal(content.totalRange.max);
  const outside = cmp(scorecard.rawTotal, min) < 0 || cmp(scorecard.rawTotal, max) > 0;
  if (!outside) return text;
  return text + t(locale, 'kpi.total.clamped', { min: formatPoints(min), max: formatPoints(max), raw: formatPoints(scorecard.rawTotal) });
}

/** Achievement as a percent string, or "—" (used by cards). */
export const achievementText = (line: ScorecardLine): string => (line.achievement ? formatPercent(line.achievement) : '—');
export const scoreText = (line: ScorecardLine): string => (line.points ? formatPoints(line.points) : '—');
