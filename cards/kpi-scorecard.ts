import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

/**
 * A rep's scorecard: one line per indicator (actual / target, %, points, configured weight), the lines
 * that do not count this period said once, and the formulas behind 如何计算 (a toggle that replaces
 * the card, so the card stays one phone screen until asked).
 */
export interface KpiScorecardCardData {
  name: string;
  periodKey: string;
  previousPeriodKey: string;
  from: string;
  to: string;
  template: string;
  version: number;
  /** Display strings, already rounded by the engine's rule. */
  total: string | null;
  /** The grade, or null when the card shows pace instead (early in the period, see gradeNote). */
  grade: string | null;
  /** Why there is no grade yet ("第 6/30 天，过 25% 后评级"). */
  gradeNote: string | null;
  /** Pace instead of a grade: early in the period, or S/D on fractional goals (src/domain/kpi/pace.ts). */
  pace: 'early' | 'fractional-goal' | null;
  rank: { rank: number; of: number } | null;
  inProgress: boolean;
  proration: { days: number; periodDays: number } | null;
  /** One display line per indicator (markdown; configured names already marked as user text). */
  lines: string[];
  /** Names of the weighted lines that do not count this period, when the others were scaled up. */
  dropped: string[];
  /** Shown after 如何计算: each line's formula and the total's. */
  explanation: { lines: string[]; total: string } | null;
}

function gradeColor(grade: string | null): 'green' | 'blue' | 'orange' | 'red' | 'grey' {
  if (grade === null) return 'grey';
  if (grade === 'S' || grade === 'A') return 'green';
  if (grade === 'B') return 'blue';
  if (grade === 'C') return 'orange';
  return 'red';
}

export const kpiScorecardCard = defineCard<KpiScorecardCardData>(
  'kpi-scorecard',
  (data, locale: Locale) => {
    const elements: CardElement[] = [
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'kpi.card.total'), value: data.total ?? t(locale, 'kpi.card.noTotal') },
          { label: t(locale, 'kpi.card.grade'), value: data.grade ?? data.gradeNote ?? t(locale, 'kpi.card.noTotal') },
          ...(data.rank ? [{ label: t(locale, 'kpi.card.rank'), value: t(locale, 'kpi.card.rankValue', data.rank) }] : []),
        ],
      },
      { type: 'divider' },
      { type: 'markdown', text: data.lines.join('\n') },
    ];
    if (data.dropped.length > 0) elements.push({ type: 'note', text: t(locale, 'kpi.card.scaled', { names: data.dropped.map(u).join('、') }) });
    if (data.pace) elements.push({ type: 'note', text: t(locale, data.pace === 'early' ? 'kpi.card.paceNote' : 'kpi.card.paceFractionalNote') });
    if (data.explanation) {
      elements.push({ type: 'divider' });
      elements.push({ type: 'markdown', text: [...data.explanation.lines, data.explanation.total].map(u).join('\n') });
    }
    if (data.proration) elements.push({ type: 'note', text: t(locale, 'kpi.card.proration', data.proration) });
    if (data.inProgress) elements.push({ type: 'note', text: t(locale, 'kpi.card.inProgress') });
    const showing = data.explanation !== null;
    elements.push({
      type: 'actions',
      buttons: [
        {
          label: t(locale, showing ? 'kpi.button.hideExplain' : 'kpi.button.explain'),
          action: { command: 'kpi.explain', args: { period: data.periodKey, show: showing ? '0' : '1' } },
          // DingTalk without a card template cannot call back: the same card with formulas, typed.
          typed: showing ? `业绩 ${data.periodKey}` : `业绩 ${data.periodKey} 如何计算`,
        },
        { label: t(locale, 'kpi.button.previous'), action: { command: 'kpi', args: { period: data.previousPeriodKey } } },
        { label: t(locale, 'kpi.button.rank'), action: { command: 'rank', args: { period: data.periodKey } } },
        { label: t(locale, 'kpi.button.targets'), action: { command: 'target', args: { period: data.periodKey } } },
      ],
    });
    return {
      template: 'kpi-scorecard',
      title: t(locale, 'kpi.card.title', { name: u(data.name), period: data.periodKey }),
      subtitle: t(locale, 'kpi.card.subtitle', { from: data.from, to: data.to, template: u(data.template), version: data.version }),
      color: gradeColor(data.grade),
      elements,
    };
  },
  {
    name: '张三',
    periodKey: '2026-10',
    previousPeriodKey: '2026-09',
    from: '2026-10-01',
    to: '2026-10-31',
    template: '销售业务员月度考核',
    version: 1,
    total: '62.5',
    grade: 'C',
    gradeNote: null,
    pace: null,
    rank: { rank: 2, of: 5 },
    inProgress: false,
    proration: null,
    lines: [
      '**回款额** 8.2万 / 10万 · 82% · 30.75 分 · 权重 30%',
      '**签约额** 15万 / 15万 · 100% · 31.25 分 · 权重 25%',
      '**赢单率** 无数据，本期不计 · 权重 10%',
      '**客户满意度** 无数据，本期不计 · 权重 10%',
      '**未解决投诉** 1 · −2 分',
    ],
    dropped: ['赢单率', '客户满意度'],
    explanation: null,
  },
);
