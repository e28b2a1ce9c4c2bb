import { api } from '../api.js';
import { renderChart } from '../charts.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';

const STATES = ['in_review', 'pending_approval', 'approved'];

/** The month to show by default: the last closed one (assessments are generated after a month ends). */
export async function defaultPeriod(params) {
  const asked = params.get('period');
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(asked ?? '')) return asked;
  const { today } = await api('/me');
  const [year, month] = today.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export function periodPicker(period, onchange) {
  return h('label', { class: 'row' }, t('asmt.period'), h('input', { type: 'month', id: 'period', value: period, onchange: (e) => e.target.value && onchange(e.target.value) }));
}

const isHr = (me) => me.user.roles.some((r) => r === 'hr' || r === 'admin');

/** HR: every department's assessment of a month by state; a manager: the ones they review. */
export async function assessmentsPage(main, params) {
  const [period, me] = await Promise.all([defaultPeriod(params), api('/me')]);
  const state = STATES.includes(params.get('state')) ? params.get('state') : '';
  const { assessments } = await api(`/assessments?period=${period}`);
  const shown = assessments.filter((a) => !state || a.status === state);
  const go = (p, s) => (location.hash = `#/assessments?period=${p}${s ? `&state=${s}` : ''}`);
  mount(
    main,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('asmt.title', { period })),
      h(
        'div',
        { class: 'row filters' },
        periodPicker(period, (p) => go(p, state)),
        h('select', { id: 'state', onchange: (e) => go(period, e.target.value) }, h('option', { value: '' }, t('asmt.allStates')), STATES.map((s) => h('option', { value: s, selected: s === state }, t(`asmtState.${s}`)))),
      ),
      isHr(me)
        ? h(
            'div',
            { class: 'row', style: { marginTop: '8px' } },
            h('a', { class: 'tag', id: 'export', href: `/api/assessment-export?period=${period}`, download: `assessment-${period}.xlsx` }, t('asmt.export')),
            h('a', { class: 'tag', href: `#/assessments/appeals?period=${period}` }, t('asmt.appeals')),
            h('a', { class: 'tag', id: 'audit-link', href: `#/assessments/audit?period=${period}` }, t('asmt.audit')),
          )
        : h('div', { class: 'row', style: { marginTop: '8px' } }, h('a', { class: 'tag', href: `#/assessments/appeals?period=${period}` }, t('asmt.appeals'))),
    ),
    h(
      'section',
      { class: 'card', id: 'assessments' },
      shown.length === 0
        ? h('p', { class: 'muted' }, t('asmt.none'))
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, h('th', {}, t('asmt.department')), h('th', {}, t('asmt.manager')), h('th', {}, t('asmt.state')), h('th', { class: 'num' }, t('asmt.reps')))),
            h(
              'tbody',
              {},
              shown.map((a) =>
                h('tr', { 'data-assessment': a.id, 'data-status': a.status }, h('td', {}, h('a', { href: `#/assessments/detail?id=${a.id}` }, a.department)), h('td', {}, a.manager), h('td', {}, h('span', { class: `tag state-${a.status}` }, a.statusText)), h('td', { class: 'num' }, a.reps)),
              ),
            ),
          ),
    ),
  );
}

function distributionCard(distribution) {
  const chart = h('div', { class: 'chart', id: 'chart-grades' });
  setTimeout(() =>
    renderChart(chart, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 32, right: 16, top: 24, bottom: 24 },
      xAxis: { type: 'category', data: distribution.grades.map((g) => g.grade) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('asmt.people'), data: distribution.grades.map((g) => g.count), itemStyle: { color: '#3370ff' }, label: { show: true, position: 'top' } }],
    }),
  0);
  return h(
    'section',
    { class: 'card', id: 'distribution' },
    h('h2', {}, t('asmt.distribution', { total: distribution.total })),
    chart,
    // The rounding used, then one plain line per limit (a breach in red): never a blanket "符合".
    h('div', { id: 'distribution-check' }, h('p', { class: 'notice' }, distribution.rounding), distribution.checks.map((line) => h('p', { class: distribution.flags.includes(line) ? 'error' : 'notice' }, line))),
  );
}

function repsTable(reps) {
  return h(
    'table',
    { id: 'reps' },
    h('thead', {}, h('tr', {}, ['asmt.rep', 'asmt.system', 'asmt.adjustment', 'asmt.final'].map((k, i) => h('th', { class: i ? 'num' : '' }, t(k))))),
    h(
      'tbody',
      {},
      reps.map((r) =>
        h(
          'tr',
          { 'data-user': r.userId },
          h('td', {}, r.name, h('div', { class: 'muted' }, r.employeeNo)),
          h('td', { class: 'num' }, `${r.total} ${r.grade}`),
          h('td', { class: 'num' }, r.adjustment ?? '—', r.reason ? h('div', { class: 'muted' }, r.reason) : null),
          h('td', { class: 'num' }, h('strong', {}, `${r.final} ${r.finalGrade}`)),
        ),
      ),
    ),
  );
}

/** A button that runs a write, shows the server's reason on refusal and re-renders on success. */
function action(label, attrs, error, run) {
  return h('button', {
    type: 'button',
    ...attrs,
    onclick: async (e) => {
      e.target.disabled = true;
      error.hidden = true;
      try {
        await run();
      } catch (err) {
        error.hidden = false;
        error.textContent = err.message;
        e.target.disabled = false;
      }
    },
  }, label);
}

function decisionCard(a, rerender) {
  const error = h('p', { class: 'error', hidden: true });
  const reason = h('textarea', { id: 'reject-reason', rows: 2, maxlength: 500, placeholder: t('asmt.rejectReason') });
  // Outside the forced distribution 通过 needs a reason (the server refuses it otherwise).
  const ack = a.distribution.ok ? null : h('textarea', { id: 'distribution-ack', rows: 2, maxlength: 500, placeholder: t('asmt.distributionAck') });
  const decide = (decision) => async () => {
    const extra = decision === 'reject' ? { reason: reason.value } : ack ? { acknowledgement: ack.value } : {};
    const answer = await api(`/assessments/${a.id}/decision`, { method: 'POST', body: { version: a.version, decision, ...extra } });
    rerender(answer.message);
  };
  return h(
    'section',
    { class: 'card stack', id: 'decision' },
    error,
    ack,
    h('div', { class: 'row' }, action(t('asmt.approve'), { id: 'approve', class: 'primary' }, error, decide('approve'))),
    h('div', { style: { marginTop: '10px' } }, reason),
    h('div', { class: 'row', style: { marginTop: '6px' } }, action(t('asmt.reject'), { id: 'reject' }, error, decide('reject'))),
  );
}

function reviewCard(a, rerender) {
  const error = h('p', { class: 'error', hidden: true });
  const rep = h('select', { id: 'adjust-rep' }, a.reps.filter((r) => a.can.adjustUserIds.includes(r.userId)).map((r) => h('option', { value: r.userId }, `${r.name} (${r.final})`)));
  const points = h('input', { id: 'adjust-points', placeholder: t('asmt.points'), maxlength: 10, inputmode: 'decimal' });
  const reason = h('input', { id: 'adjust-reason', placeholder: t('asmt.reason'), maxlength: 500 });
  return h(
    'section',
    { class: 'card', id: 'review' },
    h('h2', {}, t('asmt.adjustTitle', { bound: a.bound })),
    error,
    h('div', { class: 'filters' }, rep, points, reason),
    h(
      'div',
      { class: 'row', style: { marginTop: '10px' } },
      action(t('asmt.saveAdjust'), { id: 'adjust' }, error, async () => {
        await api(`/assessments/${a.id}/adjust`, { method: 'POST', body: { repUserId: Number(rep.value), points: points.value, reason: reason.value } });
        rerender(t('asmt.adjusted'));
      }),
      action(t('asmt.submit'), { id: 'submit-review', class: 'primary' }, error, async () => {
        const answer = await api(`/assessments/${a.id}/submit`, { method: 'POST', body: { version: a.version } });
        rerender(answer.message);
      }),
    ),
  );
}

/** One department's assessment: the grade distribution and its check, each rep, and what the caller may do now. */
export async function assessmentDetailPage(main, params, notice) {
  const id = Number(params.get('id'));
  const { assessment: a } = await api(`/assessments/${id}`);
  const rerender = (message) => assessmentDetailPage(main, params, message);
  mount(
    main,
    h('p', {}, h('a', { href: `#/assessments?period=${a.periodKey}` }, t('asmt.back'))),
    h(
      'section',
      { class: 'card', id: 'assessment', 'data-status': a.status, 'data-version': a.version },
      h('h2', {}, t('asmt.detailTitle', { department: a.department, period: a.periodKey })),
      notice ? h('p', { class: 'notice' }, notice) : null,
      h('div', { class: 'row' }, h('span', { class: `tag state-${a.status}`, id: 'status' }, a.statusText), h('span', { class: 'muted' }, `${t('asmt.manager')}：${a.manager}`)),
      a.submittedAt ? h('div', { class: 'muted' }, t('asmt.submittedAt', { at: a.submittedAt })) : null,
      a.decided ? h('div', { class: 'muted' }, t('asmt.decided', a.decided)) : null,
      a.rejectionReason ? h('p', { class: 'error', id: 'rejection' }, t('asmt.rejection', { reason: a.rejectionReason })) : null,
      a.carriedOver.length ? h('div', {}, h('strong', {}, t('asmt.carriedOver')), a.carriedOver.map((line) => h('div', { class: 'muted' }, line))) : null,
    ),
    distributionCard(a.distribution),
    h('section', { class: 'card' }, repsTable(a.reps)),
    a.can.decide ? decisionCard(a, rerender) : null,
    a.can.review ? reviewCard(a, rerender) : null,
  );
}
