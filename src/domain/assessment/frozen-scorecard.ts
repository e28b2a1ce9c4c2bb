import { explainLine, explainTotal } from '../kpi/explain.js';
import { formatPercent, formatPoints } from '../kpi/format.js';
import { rat, roundHalfUp, toDecimalString, type Rational } from '../kpi/rational.js';
import { gradeOf, type Scorecard } from '../kpi/scorecard.js';
import type { TemplateContent } from '../kpi/template.js';
import type { Locale } from '../locale.js';
import { phrase, type Phrase, type PhraseParam } from '../phrase.js';

/**
 * A scorecard as it stood when an assessment froze it: plain JSON (no bigints), every line with its
 * numbers and its explanation in both languages, so the result card, the export and an appeal all
 * show exactly what was approved, however the records change later.
 */
export interface FrozenLine {
  lineId: string;
  indicatorKey: string;
  name: { zh: string; en: string };
  unit: string;
  /** Decimal strings in the indicator's unit (fen for money, a fraction for ratios); null = no data. */
  actual: string | null;
  target: string | null;
  /** Points of the line (0–cap×100, or bonus/deduction points). */
  score: string | null;
  /** What it adds to the total. */
  contribution: string;
  summary: { zh: string; en: string };
  explanation: { zh: string; en: string };
}

export interface FrozenScorecard {
  periodKey: string;
  templateName: string;
  lines: FrozenLine[];
  totalExplanation: { zh: string; en: string };
  gradeBands: TemplateContent['gradeBands'];
  totalRange: TemplateContent['totalRange'];
}

/** Turns phrases into text in one language: src/i18n's sayAll, passed in so the domain holds no sentences. */
export type Say = (locale: Locale, phrases: readonly Phrase[]) => string;

const decimal = (value: Rational | null, decimals = 6): string | null => (value === null ? null : toDecimalString(value, decimals));

export function freezeScorecard(scorecard: Scorecard, content: TemplateContent, say: Say): FrozenScorecard {
  const both = (phrases: readonly Phrase[]) => ({ zh: say('zh', phrases), en: say('en', phrases) });
  return {
    periodKey: scorecard.periodKey,
    templateName: content.name,
    lines: scorecard.lines.map((line) => {
      const shown = (value: Rational | null): PhraseParam => (value === null ? '—' : { unit: line.indicator.unit, value });
      const achievement = line.achievement === null ? '' : ` (${formatPercent(line.achievement)})`;
      return {
        lineId: line.line.id,
        indicatorKey: line.indicator.key,
        name: both([phrase(line.indicator.name)]),
        unit: line.indicator.unit,
        actual: decimal(line.actual),
        target: decimal(line.target),
        score: line.points === null ? null : formatPoints(line.points),
        contribution: formatPoints(line.contribution),
        summary: both([
          phrase('assessment.frozen.summary', { name: phrase(line.indicator.name), actual: shown(line.actual), target: shown(line.target), achievement, contribution: formatPoints(line.contribution) }),
        ]),
        explanation: both(explainLine(line, scorecard)),
      };
    }),
    totalExplanation: both(explainTotal(scorecard, content)),
    gradeBands: content.gradeBands,
    totalRange: content.totalRange,
  };
}

/** A total in hundredths of a point (8360 = 83.60): the unit results are stored and compared in. */
export function toCenti(total: Rational | null): number | null {
  return total === null ? null : Number(roundHalfUp(total, 2));
}

export function centiText(centi: number | null): string {
  if (centi === null) return '—';
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(centi);
  const fraction = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ''}`;
}

/** Points typed by a person ("5", "-3.5") in hundredths; null when not a number with at most 2 decimals. */
export function parsePointsToCenti(text: string): number | null {
  const trimmed = text.trim().replace(/^＋|^\+/, '').replace(/^－/, '-');
  if (!/^-?\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

/** The final total and grade after adjustments: clamped into the template's range, graded by its bands. */
export function finalResult(totalCenti: number | null, adjustmentCenti: number, frozen: Pick<FrozenScorecard, 'gradeBands' | 'totalRange'>): { centi: number | null; grade: string | null } {
  if (totalCenti === null) return { centi: null, grade: null };
  const min = Math.round(frozen.totalRange.min * 100);
  const max = Math.round(frozen.totalRange.max * 100);
  const centi = Math.min(max, Math.max(min, totalCenti + adjustmentCenti));
  return { centi, grade: gradeOf(rat(centi, 100), frozen.gradeBands) };
}
