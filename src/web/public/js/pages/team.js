import { api } from '../api.js';
import { renderFunnel } from '../charts.js';
import { h, mount } from '../dom.js';
import { money, t } from '../i18n.js';
import { periodParam, periodSwitch } from '../period.js';
import { doubtedCard, surveysCard } from './team-review.js';

function rankingCard(data) {
  return h(
    'section',
    { class: 'card', id: 'ranking', 'data-period': data.period.key },
    h('h2', {}, t('team.ranking'), h('span', { class: 'muted' }, ` ${data.period.key} · ${data.period.from} ~ ${data.period.to}`)),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, t('team.rank')), h('th', {}, t('team.name')), h('th', {}, t('team.team')), h('th', { class: 'num' }, t('team.total')), h('th', {}, t('team.grade')))),
      h('tbody', {}, data.reps.map((r) => h('tr', { 'data-user': r.userId }, h('td', {}, r.rank === null ? '—' : `${r.rank}${r.tied ? '=' : ''}`), h('td', {}, h('a', { href: `#/dashboard?userId=${r.userId}` }, r.name)), h('td', { class: 'muted' }, r.teamName ?? ''), h('td', { class: 'num' }, r.total ?? '—'), h('td', {}, r.grade ?? '—')))),
    ),
  );
}

function funnelCard(stages) {
  const chart = h('div', { class: 'chart', id: 'chart-funnel' });
  setTimeout(() => renderFunnel(chart, stages), 0);
  return h('section', { class: 'card', id: 'funnel' }, h('h2', {}, t('team.funnel')), chart);
}

function salesChannelsCard(salesChannels) {
  return h(
    'section',
    { class: 'card', id: 'channels' },
    h('h2', {}, t('team.channels')),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ['team.channel', 'team.visits', 'team.newCustomers', 'team.wonFen', 'team.conversion'].map((k, i) => h('th', { class: i ? 'num' : '' }, t(k))))),
      h(
        'tbody',
        {},
        salesChannels.map((c) =>
          h('tr', {}, h('td', {}, c.salesChannelName ?? t('team.noChannel')), h('td', { class: 'num' }, c.visits), h('td', { class: 'num' }, c.newCustomers), h('td', { class: 'num' }, money(c.wonFen)), h('td', { class: 'num' }, c.conversion === null ? '—' : `${Math.round(c.conversion * 100)}%`)),
        ),
      ),
    ),
  );
}

function alertsCard(alerts) {
  return h(
    'section',
    { class: 'card', id: 'alerts' },
    h('h2', {}, t('team.alerts')),
    alerts.length === 0
      ? h('p', { class: 'muted' }, t('team.noAlerts'))
      : h('ul', {}, alerts.map((a) => h('li', { 'data-user': a.userId, 'data-rule': a.rule }, h('a', { href: `#/dashboard?userId=${a.userId}` }, a.name), ` · ${a.text}`))),
  );
}

/**
 * Managers (their team) and HR/admin (everyone): reps needing attention, ranking, pipeline funnel,
 * per-channel breakdown, records flagged 存疑, the customers' survey answers (转为投诉). ?period= is this week / month / quarter, or the period a chat card links to
 * (the weekly ranking card: #/team?period=2026-W48).
 */
export async function teamPage(main, params) {
  const period = periodParam(params);
  const [ranking, funnel, salesChannels, attention, doubted, surveys] = await Promise.all([
    api(`/team/ranking?period=${period}`),
    api(`/team/funnel?period=${period}`),
    api(`/team/channels?period=${period}`),
    api('/team/alerts'),
    api('/team/doubted'),
    api('/surveys'),
  ]);
  mount(
    main,
    periodSwitch(period, (p) => (location.hash = `#/team?period=${p}`)),
    h('div', { style: { height: '10px' } }),
    alertsCard(attention.alerts),
    rankingCard(ranking),
    funnelCard(funnel.stages),
    salesChannelsCard(salesChannels.salesChannels),
    doubtedCard(doubted.records),
    surveysCard(surveys.answers),
  );
}
