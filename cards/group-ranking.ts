import type { CardElement } from '../src/domain/card-model.js';
import { userText as u } from '../src/domain/user-text.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';

/** The weekly team post in a bound group: the top N at or above the median, each with their change. */
export interface GroupRankingCardData {
  team: string;
  weekKey: string;
  from: string;
  to: string;
  topN: number;
  rows: {
    rank: number;
    name: string;
    total: string;
    /** Points against last week ("+3.5", "-1", "0"); null when the rep had no total last week. */
    points: string | null;
    /** "↑2", "↓1" or '' against last week's rank. */
    move: string;
  }[];
  /** The team page of the mini-app for that week (members log in there). */
  rankingUrl: string;
}

const MEDALS = ['🥇', '🥈', '🥉'];

export const groupRankingCard = defineCard<GroupRankingCardData>(
  'group-ranking',
  (data, locale: Locale) => {
    const elements: CardElement[] = [];
    if (data.rows.length === 0) {
      elements.push({ type: 'markdown', text: t(locale, 'group.ranking.empty') });
    } else {
      const lines = data.rows.map((r) =>
        t(locale, 'group.ranking.row', {
          medal: MEDALS[r.rank - 1] ?? `${r.rank}.`,
          name: u(r.name),
          total: r.total,
          change: r.points === null ? t(locale, 'group.ranking.new') : t(locale, 'group.ranking.change', { points: r.points, move: r.move ? ` ${r.move}` : '' }),
        }),
      );
      elements.push({ type: 'markdown', text: lines.join('\n') });
    }
    elements.push({ type: 'note', text: t(locale, 'group.ranking.note', { topN: data.topN }) });
    elements.push({ type: 'link', label: t(locale, 'group.ranking.full'), url: data.rankingUrl });
    return {
      template: 'group-ranking',
      title: t(locale, 'group.ranking.title', { team: u(data.team), week: data.weekKey }),
      subtitle: t(locale, 'group.ranking.subtitle', { from: data.from, to: data.to, topN: data.topN }),
      color: 'purple',
      elements,
    };
  },
  {
    team: '华东一组',
    weekKey: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-29',
    topN: 5,
    rows: [
      { rank: 1, name: '赵敏', total: '92.5', points: '+6.5', move: '↑2' },
      { rank: 2, name: '张三', total: '78.4', points: '-1.2', move: '↓1' },
      { rank: 3, name: '李四', total: '75', points: null, move: '' },
    ],
    rankingUrl: 'https://kpi.example.com/app/#/team?period=2026-W48',
  },
);
