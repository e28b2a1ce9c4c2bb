import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { userText as u } from '../src/domain/user-text.js';

/**
 * The digest part of the manager's Monday card (weekly-ranking.ts shows it under the ranking): the
 * team's month to date against target and pace, pipeline movement of the week, and per rep the gap
 * to target with 查看 (the rep's dashboard in the H5) and 催一下 (a nudge card to the rep), and the
 * week's typed visits and training with 确认 / 存疑 (issue 17: they count once the manager confirms).
 */
export interface ManagerDigestData {
  /** Month days gone by and in all, for "第 9/30 天". */
  elapsedDays: number;
  periodDays: number;
  /** 回款, 签约: display strings. */
  teamLines: { name: string; actual: string; target: string; achievement: string; pace: 'ahead' | 'behind' | null; expected: string }[];
  pipeline: { created: number; advanced: number; won: number; lost: number };
  /** Furthest behind first; at most DIGEST_MAX_REPS. */
  reps: { userId: number; name: string; gaps: { name: string; gap: string }[]; visits: number; overdue: number; viewUrl: string }[];
  /** Reps in the team (the list may be shorter). */
  repsTotal: number;
  /** Oldest first; at most DIGEST_MAX_OVERDUE. */
  overdue: { name: string; customer: string; step: string; due: string }[];
  overdueTotal: number;
  /** Typed (self) visits and training of the week, oldest first; at most DIGEST_MAX_UNCONFIRMED. */
  unconfirmed: { kind: 'visit' | 'training'; id: number; name: string; subject: string; date: string }[];
  unconfirmedTotal: number;
}

/** Reps with 查看/催一下 rows on the card: each is three elements, and a phone screen holds about eight. */
export const DIGEST_MAX_REPS = 8;
export const DIGEST_MAX_OVERDUE = 5;
/** Two buttons a row: with the eight 催一下 the card stays within DingTalk's two button lists (card-size test). */
export const DIGEST_MAX_UNCONFIRMED = 3;

function teamSection(data: ManagerDigestData, locale: Locale): CardElement {
  const lines = data.teamLines.map((l) =>
    t(locale, 'digest.team.line', {
      name: u(l.name),
      actual: l.actual,
      target: l.target,
      achievement: l.achievement,
      pace: l.pace === null ? '' : t(locale, l.pace === 'ahead' ? 'digest.pace.ahead' : 'digest.pace.behind', { expected: l.expected }),
    }),
  );
  const title = t(locale, 'digest.team.title', { elapsed: data.elapsedDays, days: data.periodDays });
  return { type: 'markdown', text: [title, ...(lines.length > 0 ? lines : [t(locale, 'digest.team.noTargets')])].join('\n') };
}

function repRows(data: ManagerDigestData, locale: Locale): CardElement[] {
  const rows: CardElement[] = [{ type: 'markdown', text: t(locale, 'digest.reps.title') }];
  // The card keeps its own bound: DingTalk holds two lists of buttons, a phone screen about eight rows.
  const reps = data.reps.slice(0, DIGEST_MAX_REPS);
  for (const rep of reps) {
    const gaps = rep.gaps.map((g) => (g.gap === '' ? t(locale, 'digest.rep.met', { name: u(g.name) }) : t(locale, 'digest.rep.gap', { name: u(g.name), gap: g.gap })));
    const extras = [t(locale, 'digest.rep.visits', { n: rep.visits }), ...(rep.overdue > 0 ? [t(locale, 'digest.rep.overdue', { n: rep.overdue })] : [])];
    rows.push({ type: 'markdown', text: `**${u(rep.name)}** ${[...gaps, ...extras].join(' · ')}` });
    rows.push({ type: 'link', label: t(locale, 'digest.rep.view', { name: u(rep.name) }), url: rep.viewUrl });
    rows.push({ type: 'actions', buttons: [{ label: t(locale, 'digest.rep.nudge'), action: { command: 'nudge', args: { userId: String(rep.userId) } } }] });
  }
  if (reps.length < data.repsTotal) rows.push({ type: 'note', text: t(locale, 'digest.reps.more', { shown: reps.length, total: data.repsTotal }) });
  return rows;
}

function overdueSection(data: ManagerDigestData, locale: Locale): CardElement {
  if (data.overdueTotal === 0) return { type: 'markdown', text: t(locale, 'digest.overdue.none') };
  const shown = data.overdue.slice(0, DIGEST_MAX_OVERDUE);
  const lines = shown.map((o) => t(locale, 'digest.overdue.line', { name: u(o.name), customer: u(o.customer), step: u(o.step), due: o.due }));
  if (data.overdueTotal > shown.length) lines.push(t(locale, 'digest.overdue.more', { n: data.overdueTotal - shown.length }));
  return { type: 'markdown', text: [t(locale, 'digest.overdue.title', { n: data.overdueTotal }), ...lines].join('\n') };
}

function unconfirmedRows(data: ManagerDigestData, locale: Locale): CardElement[] {
  if (data.unconfirmedTotal === 0) return [];
  const rows: CardElement[] = [{ type: 'divider' }, { type: 'markdown', text: t(locale, 'digest.unconfirmed.title', { n: data.unconfirmedTotal }) }];
  const shown = data.unconfirmed.slice(0, DIGEST_MAX_UNCONFIRMED);
  for (const r of shown) {
    const args = { kind: r.kind, id: String(r.id) };
    rows.push({ type: 'markdown', text: t(locale, r.kind === 'visit' ? 'digest.unconfirmed.visit' : 'digest.unconfirmed.training', { name: u(r.name), date: u(r.date.slice(5)), subject: u(r.subject) }) });
    rows.push({
      type: 'actions',
      buttons: [
        { label: t(locale, 'digest.unconfirmed.confirm'), style: 'primary', action: { command: 'verify.confirm', args } },
        { label: t(locale, 'digest.unconfirmed.doubt'), action: { command: 'verify.doubt', args } },
      ],
    });
  }
  if (data.unconfirmedTotal > shown.length) rows.push({ type: 'note', text: t(locale, 'digest.unconfirmed.more', { n: data.unconfirmedTotal - shown.length }) });
  return rows;
}

export function managerDigestElements(data: ManagerDigestData, locale: Locale): CardElement[] {
  return [
    teamSection(data, locale),
    { type: 'markdown', text: t(locale, 'digest.pipeline', data.pipeline) },
    overdueSection(data, locale),
    { type: 'divider' },
    ...repRows(data, locale),
    ...unconfirmedRows(data, locale),
  ];
}

export const MANAGER_DIGEST_EXAMPLE: ManagerDigestData = {
  elapsedDays: 30,
  periodDays: 30,
  teamLines: [
    { name: '回款额', actual: '31万', target: '60万', achievement: '51.7%', pace: 'behind', expected: '60万' },
    { name: '签约额', actual: '95万', target: '90万', achievement: '105.6%', pace: 'ahead', expected: '90万' },
  ],
  pipeline: { created: 4, advanced: 3, won: 2, lost: 1 },
  reps: [
    { userId: 5, name: '孙悦', gaps: [{ name: '回款额', gap: '8.5万' }, { name: '签约额', gap: '12万' }], visits: 0, overdue: 2, viewUrl: 'https://kpi.example.com/app/#/dashboard?period=2026-11&userId=5' },
    { userId: 3, name: '张三', gaps: [{ name: '回款额', gap: '6.9万' }, { name: '签约额', gap: '' }], visits: 8, overdue: 0, viewUrl: 'https://kpi.example.com/app/#/dashboard?period=2026-11&userId=3' },
  ],
  repsTotal: 6,
  overdue: [{ name: '孙悦', customer: '华为', step: '发报价单', due: '2026-11-25' }],
  overdueTotal: 2,
  unconfirmed: [
    { kind: 'visit', id: 11, name: '孙悦', subject: '华为', date: '2026-11-20' },
    { kind: 'training', id: 4, name: '张三', subject: '产品培训', date: '2026-11-21' },
  ],
  unconfirmedTotal: 7,
};
