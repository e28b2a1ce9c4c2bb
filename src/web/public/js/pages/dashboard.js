import { api } from '../api.js';
import { renderChart } from '../charts.js';
import { h, mount } from '../dom.js';
import { t, wan } from '../i18n.js';
import { periodParam, periodSwitch } from '../period.js';

const TREND_WEEKS = 8;

/** viewing: the rep a manager drilled into (?userId=), so the card says "李四的考核", not "我的考核". */
function scorecardCard(data, viewing) {
  const { period, scorecard } = data;
  const header = h('p', { class: 'muted' }, t('score.range', { from: period.from, to: period.to }), period.inProgress ? ` · ${t('score.inProgress')}` : '');
  const title = !viewing ? t('score.title') : scorecard ? t('score.titleOf', { name: scorecard.name }) : t('score.titleOther');
  if (!scorecard) return h('section', { class: 'card', id: 'scorecard' }, h('h2', {}, title), header, h('p', {}, viewing ? t('score.noneOther') : t('score.none')));
  return h(
    'section',
    { class: 'card', id: 'scorecard' },
    h('h2', {}, title, ' · ', scorecard.template),
    header,
    h('div', {}, h('span', { class: 'total', 'data-total': '' }, scorecard.total ?? '—'), scorecard.grade ? h('span', { class: 'grade' }, scorecard.grade) : null),
    h('p', { class: 'explain' }, scorecard.totalExplanation),
    // The pay preview (issue 18): the server words it; HR's estimate, not payroll.
    scorecard.pay?.text ? h('p', { class: 'pay-preview', 'data-pay': '' }, scorecard.pay.text, '（', scorecard.pay.note, '）') : null,
    h(
      'div',
      {},
      scorecard.lines.map((line) => {
        const ratio = line.achievementRatio;
        return h(
          'div',
          { class: 'line', 'data-line': line.id },
          h('div', { class: 'head' }, h('strong', {}, line.name), h('span', {}, t('score.contribution', { contribution: line.contribution }))),
          line.target !== null ? h('div', { class: 'muted' }, t('score.lineTarget', { actual: line.actual ?? '—', target: line.target }), ` · ${line.achievement}`) : null,
          ratio !== null ? h('div', { class: 'bar' }, h('i', { class: ratio < 0.6 ? 'low' : '', style: { width: `${Math.min(100, Math.round(ratio * 100))}%` } })) : null,
          line.leftOut ? h('div', { class: 'muted', 'data-left-out': '' }, line.leftOut) : null,
          h('div', { class: 'explain' }, line.explanation),
        );
      }),
    ),
  );
}

function trendCard(weeks) {
  const visits = h('div', { class: 'chart', id: 'chart-visits' });
  const money = h('div', { class: 'chart', id: 'chart-money' });
  const labels = weeks.map((w) => w.from.slice(5));
  // Charts render after the card is in the page (ECharts measures its container).
  setTimeout(() => {
    renderChart(visits, { title: { text: t('trend.visits'), textStyle: { fontSize: 13 } }, xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', name: t('trend.visits'), data: weeks.map((w) => w.visits), itemStyle: { color: '#3370ff' } }] });
    renderChart(money, {
      title: { text: `${t('trend.won')} / ${t('trend.paid')}`, textStyle: { fontSize: 13 } },
      legend: { bottom: 0, data: [t('trend.won'), t('trend.paid')] },
      grid: { left: 40, right: 16, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value' },
      series: [
        { type: 'line', name: t('trend.won'), data: weeks.map((w) => Number(wan(w.wonFen))) },
        { type: 'line', name: t('trend.paid'), data: weeks.map((w) => Number(wan(w.paidFen))) },
      ],
    });
  }, 0);
  return h('section', { class: 'card', id: 'trend' }, h('h2', {}, t('trend.title', { weeks: weeks.length })), visits, money);
}

function completenessCard(data) {
  const gaps = Object.entries(data.parts).flatMap(([entity, part]) => part.missing.map((m) => ({ entity, ...m })));
  return h(
    'section',
    { class: 'card', id: 'completeness' },
    h('h2', {}, t('completeness.title', { share: `${Math.round(data.share * 100)}%` })),
    gaps.length === 0
      ? h('p', { class: 'muted' }, t('completeness.ok'))
      : h(
          'div',
          {},
          gaps.slice(0, 20).map((g) =>
            h(
              'div',
              { class: 'list-item row', 'data-gap': `${g.entity}-${g.id}` },
              h('span', { class: 'tag' }, t(`entity.${g.entity}`)),
              h('span', { class: 'spacer' }, t('completeness.missing', { label: g.label, fields: g.fields.map((f) => t(`field.${f}`)).join(t('list.sep')) })),
              // Customers are fixed here; contacts and deals in chat until their H5 forms exist.
              g.entity === 'customer' ? h('a', { href: `#/records/edit-customer?id=${g.id}` }, t('completeness.fix')) : null,
            ),
          ),
        ),
  );
}

/** The rep's home: scorecard for the chosen period, the weekly trend, the completeness gaps. */
export async function dashboardPage(main, params) {
  // This week / month / quarter, or the period a chat card links to (?period=2026-W48).
  const period = periodParam(params);
  // A manager opens a rep's dashboard from the ranking (?userId=); the API checks the scope.
  const userId = /^\d+$/.test(params.get('userId') ?? '') ? params.get('userId') : null;
  const who = userId ? `&userId=${userId}` : '';
  const [score, trend, completeness] = await Promise.all([api(`/scorecard?period=${period}${who}`), api(`/trend?weeks=${TREND_WEEKS}${who}`), api(`/completeness?${who.slice(1)}`)]);
  mount(
    main,
    userId && score.scorecard ? h('h2', { id: 'viewing' }, t('score.of', { name: score.scorecard.name })) : null,
    periodSwitch(period, (p) => (location.hash = `#/dashboard?period=${p}${who}`)),
    h('div', { style: { height: '10px' } }),
    scorecardCard(score, Boolean(userId)),
    trendCard(trend.weeks),
    completenessCard(completeness),
  );
}
