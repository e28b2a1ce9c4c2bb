import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

export interface KpiRankingCardData {
  periodKey: string;
  group: string;
  /** Display rows of the ranked reps, already ordered. */
  rows: { text: string; isMe: boolean }[];
  /** Reps without data this period: listed apart, unranked. */
  noData: string[];
  me: string | null;
  truncated: { shown: number; total: number } | null;
  tieRule: string;
  distribution: string[];
}

export const kpiRankingCard = defineCard<KpiRankingCardData>(
  'kpi-ranking',
  (data, locale: Locale) => {
    const elements: CardElement[] = [];
    if (data.rows.length === 0) elements.push({ type: 'markdown', text: t(locale, 'rank.card.empty') });
    else elements.push({ type: 'markdown', text: data.rows.map((r) => (r.isMe ? `**${u(r.text)}** 👈` : u(r.text))).join('\n') });
    if (data.noData.length > 0) elements.push({ type: 'note', text: t(locale, 'rank.card.noData', { names: data.noData.map(u).join('、') }) });
    if (data.truncated) elements.push({ type: 'note', text: t(locale, 'rank.card.truncated', data.truncated) });
    if (data.me) elements.push({ type: 'markdown', text: u(data.me) });
    for (const line of data.distribution) elements.push({ type: 'note', text: u(line) });
    elements.push({ type: 'note', text: u(data.tieRule) });
    elements.push({ type: 'actions', buttons: [{ label: t(locale, 'kpi.button.scorecard'), action: { command: 'kpi', args: { period: data.periodKey } } }] });
    return { template: 'kpi-ranking', title: t(locale, 'rank.card.title', { period: data.periodKey, group: u(data.group) }), color: 'purple', elements };
  },
  {
    periodKey: '2026-11',
    group: '华东一组',
    rows: [
      { text: '1. 李四 92.5 分 A', isMe: false },
      { text: '2. 张三 83.6 分 B', isMe: true },
    ],
    noData: ['孙悦'],
    me: '你：第 2 / 5 名，83.6 分，等级 B',
    truncated: null,
    tieRule: '排名规则：总分（两位小数）高者在前；同分比较主指标（回款额）得分；仍相同则并列。',
    distribution: [],
  },
);
