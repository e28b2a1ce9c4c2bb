import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { defaultPeriod, periodPicker } from './assessments.js';

addStrings({
  'cal.title': { zh: '考核校准 · {period}', en: 'Calibration · {period}' },
  'cal.intro': { zh: '目标分布：S ≤ {max}%，D ≥ {min}%；对比上期 {previous}', en: 'Target curve: S ≤ {max}%, D ≥ {min}%; compared with {previous}' },
  'cal.allDepartments': { zh: '全部部门', en: 'All departments' },
  'cal.grade': { zh: '等级', en: 'Grade' },
  'cal.now': { zh: '本期', en: 'This period' },
  'cal.target': { zh: '目标', en: 'Target' },
  'cal.previous': { zh: '上期', en: 'Last period' },
  'cal.atMost': { zh: '≤ {limit} 人', en: '≤ {limit}' },
  'cal.atLeast': { zh: '≥ {limit} 人', en: '≥ {limit}' },
  'cal.people': { zh: '{count} 人 ({share})', en: '{count} ({share})' },
  'cal.rep': { zh: '姓名', en: 'Name' },
  'cal.score': { zh: '系统分', en: 'Score' },
  'cal.adjustment': { zh: '调整', en: 'Adjustment' },
  'cal.final': { zh: '最终', en: 'Final' },
  'cal.adjustments': { zh: '调整记录', en: 'Adjustments' },
  'cal.noAdjustments': { zh: '本期没有调整', en: 'No adjustments this period' },
  'cal.adjustmentLine': { zh: '{name} {points}：{reason}（{from} → {to}）', en: '{name} {points}: {reason} ({from} → {to})' },
  'cal.noPrevious': { zh: '上期无考核', en: 'No assessment last period' },
  'cal.none': { zh: '本期还没有考核', en: 'No assessments for this period yet' },
});

const targetText = (g) => (g.target ? `${t(g.target.kind === 'max' ? 'cal.atMost' : 'cal.atLeast', { limit: g.target.limit })} ${g.target.ok ? '✓' : '⚠️'}` : '—');

function distributionTable(d) {
  const previous = new Map((d.previous?.grades ?? []).map((g) => [g.grade, g]));
  return h(
    'table',
    { class: 'calibration-curve' },
    h('thead', {}, h('tr', {}, ['cal.grade', 'cal.now', 'cal.target', 'cal.previous'].map((k) => h('th', {}, t(k))))),
    h(
      'tbody',
      {},
      d.distribution.grades.map((g) => {
        const before = previous.get(g.grade);
        return h(
          'tr',
          { 'data-grade': g.grade, class: g.target && !g.target.ok ? 'error' : '' },
          h('td', {}, g.grade),
          h('td', { class: 'now' }, t('cal.people', g)),
          h('td', { class: 'target' }, targetText(g)),
          h('td', { class: 'previous' }, before ? t('cal.people', before) : '—'),
        );
      }),
    ),
  );
}

function repsTable(d) {
  return h(
    'table',
    { class: 'calibration-reps' },
    h('thead', {}, h('tr', {}, ['cal.rep', 'cal.score', 'cal.adjustment', 'cal.final', 'cal.previous'].map((k) => h('th', {}, t(k))))),
    h(
      'tbody',
      {},
      d.reps.map((r) =>
        h(
          'tr',
          { 'data-user': r.userId },
          h('td', {}, r.name),
          h('td', {}, `${r.total} ${r.grade}`),
          h('td', {}, r.adjustment ?? '—'),
          h('td', { class: 'final' }, `${r.final} ${r.finalGrade}`),
          h('td', { class: 'previous' }, r.previous ? `${r.previous.final} ${r.previous.grade}` : '—'),
        ),
      ),
    ),
  );
}

function departmentCard(d) {
  return h(
    'section',
    { class: 'card calibration', 'data-department': d.departmentId },
    h('h3', {}, d.department, ' ', h('span', { class: `tag state-${d.status}` }, d.statusText)),
    distributionTable(d),
    h('p', { class: 'muted rounding' }, d.distribution.rounding),
    h('ul', { class: 'checks' }, d.distribution.checks.map((line) => h('li', {}, line))),
    d.previous ? null : h('p', { class: 'muted' }, t('cal.noPrevious')),
    repsTable(d),
    h('h4', {}, t('cal.adjustments')),
    d.adjustments.length === 0
      ? h('p', { class: 'muted' }, t('cal.noAdjustments'))
      : h('ul', { class: 'adjustments' }, d.adjustments.map((a) => h('li', {}, t('cal.adjustmentLine', a)))),
  );
}

/**
 * HR's calibration (校准): per department the final grades against the configured forced-distribution
 * curve, last period beside them, each rep's detail and the adjustments with their reasons.
 */
export async function calibrationPage(main, params) {
  const period = await defaultPeriod(params);
  const department = /^\d+$/.test(params.get('department') ?? '') ? params.get('department') : '';
  const data = await api(`/calibration?period=${period}${department ? `&department=${department}` : ''}`);
  const go = (p, dep) => (location.hash = `#/calibration?period=${p}${dep ? `&department=${dep}` : ''}`);
  const picker = h(
    'select',
    { id: 'calibration-department', onchange: (e) => go(period, e.target.value) },
    h('option', { value: '' }, t('cal.allDepartments')),
    data.choices.map((c) => h('option', { value: c.departmentId, selected: String(c.departmentId) === department }, c.department)),
  );
  mount(
    main,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('cal.title', { period: data.period })),
      h('p', { class: 'muted', id: 'calibration-curve' }, t('cal.intro', { max: data.limits.maxTopPercent, min: data.limits.minBottomPercent, previous: data.previousPeriod })),
      h('div', { class: 'row filters' }, periodPicker(period, (p) => go(p, department)), picker),
    ),
    h('div', { id: 'calibration' }, data.departments.length === 0 ? h('section', { class: 'card' }, h('p', { class: 'muted' }, t('cal.none'))) : data.departments.map(departmentCard)),
  );
}
