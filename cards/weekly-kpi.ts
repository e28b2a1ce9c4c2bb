import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

/** The rep's Monday card: last week's scorecard with trends, rank in team, what to do next. */
export interface WeeklyKpiCardData {
  name: string;
  weekKey: string;
  from: string;
  to: string;
  /** Display strings, rounded by the engine's rule. */
  total: string | null;
  grade: string | null;
  /** The total's trend against the week before (↑ ↓ → or ''). */
  totalTrend: string;
  rank: { rank: number; of: number } | null;
  lines: { name: string; actual: string; target: string; achievement: string; trend: string }[];
  nextSteps: string[];
  /** The rep's dashboard on the same week (appLink 'dashboard' with period). */
  dashboardUrl: string;
}

export const weeklyKpiCard = defineCard<WeeklyKpiCardData>(
  'weekly-kpi',
  (data, locale: Locale) => {
    const none = t(locale, 'weekly.card.none');
    const elements: CardElement[] = [
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'weekly.card.total'), value: data.total === null ? none : `${data.total} ${data.totalTrend}`.trim() },
          { label: t(locale, 'weekly.card.grade'), value: data.grade ?? none },
          { label: t(locale, 'weekly.card.rank'), value: data.rank ? t(locale, 'weekly.card.rankValue', data.rank) : none },
        ],
      },
    ];
    if (data.lines.length > 0) {
      elements.push({ type: 'divider' });
      elements.push({ type: 'markdown', text: data.lines.map((l) => t(locale, 'weekly.card.line', { ...l, name: u(l.name) }).trim()).join('\n') });
    }
    if (data.nextSteps.length > 0) {
      elements.push({ type: 'divider' });
      elements.push({ type: 'markdown', text: [t(locale, 'weekly.card.nextTitle'), ...data.nextSteps.map((s) => `• ${u(s)}`)].join('\n') });
    }
    elements.push({ type: 'note', text: t(locale, 'weekly.card.trendNote') });
    elements.push({ type: 'link', label: t(locale, 'weekly.card.dashboard'), url: data.dashboardUrl });
    elements.push({
      type: 'actions',
      buttons: [
        { label: t(locale, 'weekly.button.visit'), action: { command: 'visit.form', args: {} }, style: 'primary' },
        { label: t(locale, 'weekly.button.unsubscribe'), action: { command: 'subscribe', args: { state: 'off' } } },
      ],
    });
    return {
      template: 'weekly-kpi',
      title: t(locale, 'weekly.card.title', { name: u(data.name), week: data.weekKey }),
      subtitle: t(locale, 'weekly.card.subtitle', { from: data.from, to: data.to }),
      color: data.grade === 'S' || data.grade === 'A' ? 'green' : data.grade === 'D' ? 'red' : 'blue',
      elements,
    };
  },
  {
    name: '张三',
    weekKey: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-29',
    total: '78.4',
    grade: 'B',
    totalTrend: '↑',
    rank: { rank: 2, of: 6 },
    lines: [
      { name: '回款额', actual: '2.1万', target: '2.33万', achievement: '90.1%', trend: '↑' },
      { name: '拜访次数', actual: '8', target: '9.33', achievement: '85.7%', trend: '↓' },
    ],
    nextSteps: ['本月回款额还差 1.8万，剩 2 周'],
    dashboardUrl: 'https://kpi.example.com/app/#/dashboard?period=2026-W48',
  },
);
