import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';
import { MANAGER_DIGEST_EXAMPLE, managerDigestElements, type ManagerDigestData } from './manager-digest.js';

/** The manager's Monday card: the team's week and month-to-date ranking, movers, reps without visits. */
export interface WeeklyRankingCardData {
  team: string;
  weekKey: string;
  monthKey: string;
  from: string;
  to: string;
  rows: {
    rank: number | null;
    name: string;
    total: string;
    grade: string;
    /** "↑2", "↓1" or '' against last week's rank. */
    move: string;
    monthRank: number | null;
    monthTotal: string;
    monthGrade: string;
    noVisits: boolean;
  }[];
  /** Reps in the team (the rows may be fewer: the card shows the top only). */
  totalReps: number;
  moversUp: string[];
  moversDown: string[];
  noVisitNames: string[];
  /** The team page of the mini-app for this week (appLink 'team'): a hash route under /app/. */
  fullRankingUrl: string;
  /** The Monday digest (team vs target and pace, pipeline, overdue next steps, per-rep 查看/催一下). */
  digest?: ManagerDigestData;
}

export const weeklyRankingCard = defineCard<WeeklyRankingCardData>(
  'weekly-ranking',
  (data, locale: Locale) => {
    const dash = '—';
    const elements: CardElement[] = [];
    if (data.rows.length === 0) {
      elements.push({ type: 'markdown', text: t(locale, 'ranking.card.empty') });
    } else {
      // Reps without data this week are listed apart, unranked ("第 1/6" counts only reps with data).
      const rows = data.rows.filter((r) => r.rank !== null).map((r) =>
        t(locale, 'ranking.card.row', {
          rank: r.rank ?? dash,
          name: u(r.name),
          total: r.total,
          grade: r.grade,
          move: r.move ? ` ${r.move}` : '',
          monthRank: r.monthRank ?? dash,
          monthTotal: r.monthTotal,
          monthGrade: r.monthGrade,
          flag: r.noVisits ? t(locale, 'ranking.card.noVisitFlag') : '',
        }),
      );
      elements.push({ type: 'markdown', text: [t(locale, 'ranking.card.header'), ...rows].join('\n') });
      const unranked = data.rows.filter((r) => r.rank === null).map((r) => u(r.name));
      if (unranked.length > 0) elements.push({ type: 'note', text: t(locale, 'rank.card.noData', { names: unranked.join('、') }) });
    }
    const highlights: string[] = [];
    if (data.moversUp.length > 0) highlights.push(t(locale, 'ranking.card.moversUp', { names: data.moversUp.map(u).join('、') }));
    if (data.moversDown.length > 0) highlights.push(t(locale, 'ranking.card.moversDown', { names: data.moversDown.map(u).join('、') }));
    if (data.noVisitNames.length > 0) highlights.push(t(locale, 'ranking.card.noVisits', { count: data.noVisitNames.length, names: data.noVisitNames.map(u).join('、') }));
    if (highlights.length > 0) {
      elements.push({ type: 'divider' });
      elements.push({ type: 'markdown', text: highlights.join('\n') });
    }
    if (data.rows.length < data.totalReps) elements.push({ type: 'note', text: t(locale, 'ranking.card.truncated', { shown: data.rows.length, total: data.totalReps }) });
    // The full ranking is the card's first link: where 查看全文 leads when DingTalk cuts the card.
    elements.push({ type: 'link', label: t(locale, 'ranking.card.full'), url: data.fullRankingUrl });
    if (data.digest) {
      elements.push({ type: 'divider' });
      elements.push(...managerDigestElements(data.digest, locale));
    }
    elements.push({ type: 'actions', buttons: [{ label: t(locale, 'ranking.button.rank'), action: { command: 'rank', args: { period: data.monthKey } } }] });
    return {
      template: 'weekly-ranking',
      title: t(locale, 'ranking.card.title', { team: u(data.team), week: data.weekKey }),
      subtitle: t(locale, 'ranking.card.subtitle', { from: data.from, to: data.to, month: data.monthKey }),
      color: 'purple',
      elements,
    };
  },
  {
    team: '华东一组',
    weekKey: '2026-W48',
    monthKey: '2026-11',
    from: '2026-11-23',
    to: '2026-11-29',
    rows: [
      { rank: 1, name: '赵敏', total: '92.5', grade: 'A', move: '↑2', monthRank: 1, monthTotal: '88.1', monthGrade: 'A', noVisits: false },
      { rank: 2, name: '张三', total: '78.4', grade: 'B', move: '', monthRank: 3, monthTotal: '75', monthGrade: 'B', noVisits: false },
      { rank: 3, name: '孙悦', total: '41', grade: 'D', move: '↓2', monthRank: 5, monthTotal: '52.3', monthGrade: 'D', noVisits: true },
      { rank: null, name: '钱多多', total: '0', grade: 'D', move: '', monthRank: null, monthTotal: '0', monthGrade: 'D', noVisits: true },
    ],
    totalReps: 6,
    moversUp: ['赵敏 ↑2'],
    moversDown: ['孙悦 ↓2'],
    noVisitNames: ['孙悦', '钱多多'],
    fullRankingUrl: 'https://kpi.example.com/app/#/team?period=2026-W48',
    digest: MANAGER_DIGEST_EXAMPLE,
  },
);
