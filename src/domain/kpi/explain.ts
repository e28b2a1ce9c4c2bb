import { phrase, type Phrase, type PhraseParam } from '../phrase.js';
import { formatPercent, formatPoints } from './format.js';
import { cmp, mul, rat, ratFromDecimal, type Rational } from './rational.js';
import type { Scorecard, ScorecardLine } from './scorecard.js';
import type { TemplateContent } from './template.js';
import { leftOutNotes } from './verification-notes.js';

/**
 * What a rep reads under each line and under the total, e.g.
 * "回款额 8.2万 / 目标 10万 = 82%，得分 82 × 权重 30% = 24.6", as phrases: a sentence then its notes,
 * which src/i18n (sayAll) joins in the reader's language. Every number is the exact value rounded
 * half-up for display, so a rep can redo the arithmetic by hand.
 */

function nameOf(line: ScorecardLine): PhraseParam {
  return line.line.salesChannel ? phrase('kpi.line.nameWithSalesChannel', { name: phrase(line.indicator.name), salesChannel: line.line.salesChannel }) : phrase(line.indicator.name);
}

function targetNotes(line: ScorecardLine, scorecard: Scorecard): Phrase[] {
  const notes: Phrase[] = [];
  if (line.overridden) notes.push(phrase('kpi.note.overridden'));
  if (!line.baseTarget || !line.target || !line.indicator.additive || line.overridden) return notes;
  const values = { base: { unit: line.indicator.unit, value: line.baseTarget }, target: { unit: line.indicator.unit, value: line.target } };
  if (scorecard.periodScale) notes.push(phrase('kpi.note.scaled', { days: scorecard.periodScale.days, ofDays: scorecard.periodScale.ofDays, ...values }));
  if (scorecard.proration) {
    notes.push(phrase('kpi.note.prorated', { days: scorecard.proration.employedDays, periodDays: scorecard.proration.periodDays, ...values }));
  }
  return notes;
}

export function explainLine(line: ScorecardLine, scorecard: Scorecard): Phrase[] {
  return [...explainScore(line, scorecard), ...leftOutNotes(line)];
}

function explainScore(line: ScorecardLine, scorecard: Scorecard): Phrase[] {
  const unit = line.indicator.unit;
  const fmt = (value: Rational | null): PhraseParam => (value === null ? '—' : { unit, value });
  const name = nameOf(line);
  const common = {
    name,
    actual: fmt(line.actual),
    target: fmt(line.target),
    weight: line.weightShare ? formatPercent(line.weightShare) : '—',
    score: line.points ? formatPoints(line.points) : '0',
    contribution: formatPoints(line.contribution),
    achievement: line.achievement ? formatPercent(line.achievement) : '—',
    formula: phrase(line.indicator.formula),
  };
  const rule = line.line.rule;
  const notes = targetNotes(line, scorecard);

  if (rule.kind === 'deduction' || rule.kind === 'bonus') {
    if (line.status === 'no-data') return [phrase('kpi.line.noDataAdjust', common)];
    return [
      phrase(rule.kind === 'deduction' ? 'kpi.line.deduction' : 'kpi.line.bonus', {
        ...common,
        perUnit: formatPoints(ratFromDecimal(rule.perUnit)),
        points: formatPoints(line.points ?? rat(0)),
        note: line.status === 'capped' ? phrase('kpi.note.maxPoints', { max: formatPoints(ratFromDecimal(rule.maxPoints)) }) : '',
      }),
    ];
  }
  if (line.status === 'no-data') return [phrase(line.counted ? 'kpi.line.noDataZero' : 'kpi.line.noData', common)];
  if (line.status === 'no-target') return [phrase('kpi.line.noTarget', common), ...notes];

  if (rule.kind === 'tiered') {
    const onAchievement = rule.basis === 'achievement';
    const fromAbove = line.indicator.direction === 'lower' && !onAchievement;
    const shown = onAchievement ? common.achievement : common.actual;
    const fmtFrom = (from: Rational): PhraseParam => (onAchievement ? formatPercent(from) : fmt(from));
    if (line.status === 'best-possible') return [phrase('kpi.line.bestPossible', common), ...notes];
    if (line.status === 'below-tiers') {
      const lowest = rule.tiers[fromAbove ? rule.tiers.length - 1 : 0] as { from: number };
      const scale = !onAchievement && line.indicator.additive && scorecard.proration ? rat(scorecard.proration.employedDays, scorecard.proration.periodDays) : rat(1);
      return [phrase('kpi.line.belowTiers', { ...common, actual: shown, op: fromAbove ? '≤' : '≥', from: fmtFrom(mul(ratFromDecimal(lowest.from), scale)) }), ...notes];
    }
    return [phrase('kpi.line.tiered', { ...common, actual: shown, op: fromAbove ? '≤' : '≥', from: line.tier ? fmtFrom(line.tier.from) : '—' }), ...notes];
  }

  // linear
  const cap = formatPercent(ratFromDecimal(rule.cap));
  if (line.status === 'best-possible') return [phrase('kpi.line.bestPossible', common), ...notes];
  if (line.status === 'gated') return [phrase('kpi.line.gated', { ...common, gate: formatPercent(ratFromDecimal(rule.gate ?? 0)) }), ...notes];
  const note = line.status === 'capped' ? phrase('kpi.note.capped', { cap }) : '';
  const key = line.indicator.direction === 'lower' ? 'kpi.line.linearLower' : 'kpi.line.linear';
  return [phrase(key, { ...common, note }), ...notes];
}

export function explainTotal(scorecard: Scorecard, content: TemplateContent): Phrase[] {
  if (scorecard.total === null || scorecard.grade === null) return [phrase('kpi.total.none')];
  const total = phrase('kpi.total', {
    weighted: formatPoints(scorecard.weightedScore),
    bonus: formatPoints(scorecard.bonus),
    deductions: formatPoints(scorecard.deductions),
    total: formatPoints(scorecard.total),
    grade: scorecard.grade,
  });
  const min = ratFromDecimal(content.totalRange.min);
  const max = ratFromDecimal(content.totalRange.max);
  const outside = cmp(scorecard.rawTotal, min) < 0 || cmp(scorecard.rawTotal, max) > 0;
  if (!outside) return [total];
  return [total, phrase('kpi.total.clamped', { min: formatPoints(min), max: formatPoints(max), raw: formatPoints(scorecard.rawTotal) })];
}

/** Achievement as a percent string, or "—" (used by cards). */
export const achievementText = (line: ScorecardLine): string => (line.achievement ? formatPercent(line.achievement) : '—');
export const scoreText = (line: ScorecardLine): string => (line.points ? formatPoints(line.points) : '—');
