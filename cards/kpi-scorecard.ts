import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

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
  grade: string | null;
  rank: { rank: number; of: number } | null;
  inProgress: boolean;
  proration: { days: number; periodDays: number } | null;
  lines: { summary: string; explanation: string }[];
  totalExplanation: string;
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
          { label: t(locale, 'kpi.card.grade'), value: data.grade ?? t(locale, 'kpi.card.noTotal') },
          ...(data.rank ? [{ label: t(locale, 'kpi.card.rank'), value: t(locale, 'kpi.card.rankValue', data.rank) }] : []),
        ],
      },
      { type: 'divider' },
      ...data.lines.map((line) => ({ type: 'markdown' as const, text: `${line.summary}\n${u(line.explanation)}` })),
      { type: 'divider' },
      { type: 'markdown', text: u(data.totalExplanation) },
    ];
    if (data.proration) elements.push({ type: 'note', text: t(locale, 'kpi.card.proration', data.proration) });
    if (data.inProgress) elements.push({ type: 'note', text: t(locale, 'kpi.card.inProgress') });
    elements.push({
      type: 'actions',
      buttons: [
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
    periodKey: '2026-11',
    previousPeriodKey: '2026-10',
    from: '2026-11-01',
    to: '2026-11-30',
    template: '销售业务员月度考核',
    version: 1,
    total: '83.6',
    grade: 'B',
    rank: { rank: 2, of: 6 },
    inProgress: true,
    proration: null,
    lines: [{ summary: '**回款额** 8.2万 / 10万 · 达成 82% · 贡献 24.6 分', explanation: '回款额 8.2万 / 目标 10万 = 82%，得分 82 × 权重 30% = 24.6' }],
    totalExplanation: '总分 = 加权得分 86.35 + 加分 1.25 − 扣分 4 = 83.6，等级 B',
  },
);
