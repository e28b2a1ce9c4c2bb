import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

export interface KpiTargetsCardData {
  name: string;
  periodKey: string;
  from: string;
  to: string;
  template: string;
  version: number;
  lines: string[];
  proration: { days: number; periodDays: number } | null;
}

export const kpiTargetsCard = defineCard<KpiTargetsCardData>(
  'kpi-targets',
  (data, locale: Locale) => ({
    template: 'kpi-targets',
    title: t(locale, 'target.card.title', { name: u(data.name), period: data.periodKey }),
    subtitle: t(locale, 'kpi.card.subtitle', { from: data.from, to: data.to, template: u(data.template), version: data.version }),
    color: 'blue',
    elements: [
      ...data.lines.map((text) => ({ type: 'markdown' as const, text })),
      ...(data.proration ? [{ type: 'note' as const, text: t(locale, 'kpi.card.proration', data.proration) }] : []),
      { type: 'actions', buttons: [{ label: t(locale, 'kpi.button.scorecard'), action: { command: 'kpi', args: { period: data.periodKey } } }] },
    ],
  }),
  {
    name: '张三',
    periodKey: '2026-11',
    from: '2026-11-01',
    to: '2026-11-30',
    template: '销售业务员月度考核',
    version: 1,
    lines: ['**回款额** 目标 10万 · 权重 30%，门槛 50%，封顶 120%'],
    proration: null,
  },
);
