import type { KpiScorecardCardData } from '../../../cards/kpi-scorecard.js';
import { explainLine, explainTotal } from '../../domain/kpi/explain.js';
import { formatPercent, formatPoints } from '../../domain/kpi/format.js';
import { gradeViewOf, paceOf, type GradeView } from '../../domain/kpi/pace.js';
import type { Rational } from '../../domain/kpi/rational.js';
import type { Scorecard, ScorecardLine } from '../../domain/kpi/scorecard.js';
import type { TemplateContent } from '../../domain/kpi/template.js';
import { isWeightedRule } from '../../domain/kpi/scoring.js';
import { leftOutNotes } from '../../domain/kpi/verification-notes.js';
import { previousPeriod, type Period } from '../../domain/period.js';
import { userText } from '../../domain/user-text.js';
import { formatValue } from '../../i18n/format.js';
import { t, type Locale } from '../../i18n/index.js';
import { sayAll } from '../../i18n/phrase.js';

/** What the scorecard card shows for one rep and period: one line per indicator, pace early on. */
export interface ScorecardView {
  /** A scored rep (ScoredRep, typed by shape: the bot does not import the db). */
  rep: { name: string; templateVersion: number; content: TemplateContent; scorecard: Scorecard };
  period: Period;
  /** Today's business date. */
  today: string;
  minSharePct: number;
  rank: { rank: number; of: number } | null;
  inProgress: boolean;
  explain: boolean;
  locale: Locale;
}

function lineText(line: ScorecardLine, view: GradeView, locale: Locale): string {
  return scoreLineText(line, view, locale) + sayAll(locale, leftOutNotes(line));
}

function scoreLineText(line: ScorecardLine, view: GradeView, locale: Locale): string {
  // The indicator's name is configured text: marked, the line's own markup (bold) is not.
  const name = userText(t(locale, line.indicator.name));
  const fmt = (value: Rational | null): string => (value === null ? '—' : formatValue(line.indicator.unit, value, locale));
  const actual = fmt(line.actual);
  const rule = line.line.rule;
  if (!isWeightedRule(rule)) {
    const points = line.points ?? line.contribution;
    const sign = points.n === 0n ? '' : rule.kind === 'deduction' ? '−' : '+';
    return t(locale, 'kpi.card.adjustSummary', { name, actual, sign, points: formatPoints(points) });
  }
  const weight = line.configuredWeightShare ? formatPercent(line.configuredWeightShare) : '—';
  if (line.weightShare === null) {
    const reason = t(locale, line.status === 'no-target' ? 'kpi.card.noTarget' : 'kpi.card.noData');
    return t(locale, 'kpi.card.droppedLine', { name, reason, weight });
  }
  const points = formatPoints(line.contribution);
  const text =
    rule.kind === 'tiered'
      ? t(locale, 'kpi.card.tierLine', { name, actual, score: line.points === null ? '—' : formatPoints(line.points), points, weight })
      : t(locale, 'kpi.card.line', { name, actual, target: fmt(line.target), achievement: line.achievement === null ? '—' : formatPercent(line.achievement), points, weight });
  if (view.show !== 'pace') return text;
  const pace = paceOf({
    actual: line.actual,
    target: line.target,
    additive: line.indicator.additive,
    lowerIsBetter: line.indicator.direction === 'lower',
    elapsedDays: view.elapsedDays,
    periodDays: view.periodDays,
  });
  return pace ? text + t(locale, pace.status === 'ahead' ? 'kpi.card.paceAhead' : 'kpi.card.paceBehind', { expected: fmt(pace.expected) }) : text;
}

function gradeNoteOf(view: GradeView, minSharePct: number, locale: Locale): string | null {
  if (view.show === 'grade' || view.reason === 'no-total') return null;
  if (view.reason === 'fractional-goal') return t(locale, 'kpi.card.paceFractional');
  return t(locale, 'kpi.card.paceEarly', { elapsed: view.elapsedDays, days: view.periodDays, pct: minSharePct });
}

export function scorecardCardData(v: ScorecardView): KpiScorecardCardData {
  const { scorecard, content } = v.rep;
  const counting = scorecard.lines.filter((l) => isWeightedRule(l.line.rule) && l.weightShare !== null);
  const view = gradeViewOf({
    period: v.period,
    today: v.today,
    minSharePct: v.minSharePct,
    grade: scorecard.grade,
    bands: content.gradeBands,
    countTargets: counting.flatMap((l) => (l.indicator.unit === 'count' && l.target !== null ? [l.target] : [])),
  });
  const dropped = scorecard.weightsRedistributed ? scorecard.lines.filter((l) => isWeightedRule(l.line.rule) && l.weightShare === null).map((l) => t(v.locale, l.indicator.name)) : [];
  return {
    name: v.rep.name,
    periodKey: v.period.key,
    previousPeriodKey: previousPeriod(v.period).key,
    from: v.period.startDate,
    to: v.period.lastDate,
    template: content.name,
    version: v.rep.templateVersion,
    total: scorecard.total === null ? null : formatPoints(scorecard.total),
    grade: view.show === 'grade' ? view.grade : null,
    gradeNote: gradeNoteOf(view, v.minSharePct, v.locale),
    pace: view.show === 'pace' && view.reason !== 'no-total' ? view.reason : null,
    rank: v.rank,
    inProgress: v.inProgress,
    proration: scorecard.proration ? { days: scorecard.proration.employedDays, periodDays: scorecard.proration.periodDays } : null,
    lines: scorecard.lines.map((line) => lineText(line, view, v.locale)),
    dropped,
    explanation: v.explain ? { lines: scorecard.lines.map((line) => sayAll(v.locale, explainLine(line, scorecard))), total: sayAll(v.locale, explainTotal(scorecard, content)) } : null,
  };
}
