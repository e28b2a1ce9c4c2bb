import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { defaultPeriod, periodPicker } from './assessments.js';

function resolveForm(appeal, rerender) {
  const error = h('p', { class: 'error', hidden: true });
  const outcome = h('select', { name: 'outcome' }, h('option', { value: 'uphold' }, t('appeal.uphold')), h('option', { value: 'adjust' }, t('appeal.adjust')));
  const points = h('input', { name: 'points', placeholder: t('asmt.points'), maxlength: 10 });
  const reason = h('input', { name: 'reason', placeholder: t('asmt.reason'), maxlength: 500 });
  const form = h('form', { class: 'filters', 'data-resolve': appeal.appealId }, error, outcome, points, reason, h('button', { type: 'submit', class: 'primary' }, t('appeal.resolve')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      const body = { outcome: outcome.value, reason: reason.value, ...(outcome.value === 'adjust' ? { points: points.value } : {}) };
      const answer = await api(`/appeals/${appeal.appealId}/resolve`, { method: 'POST', body });
      rerender(answer.message);
    } catch (err) {
      error.hidden = false;
      error.textContent = err.message;
    }
  });
  return form;
}

/** The month's appeals (HR: all; a manager: their departments'), each open one with its resolve form. */
export async function appealsPage(main, params, notice) {
  const period = await defaultPeriod(params);
  const { appeals } = await api(`/appeals?period=${period}`);
  const rerender = (message) => appealsPage(main, params, message);
  mount(
    main,
    h('p', {}, h('a', { href: `#/assessments?period=${period}` }, t('asmt.back'))),
    h('section', { class: 'card' }, h('h2', {}, t('appeal.title', { period })), periodPicker(period, (p) => (location.hash = `#/assessments/appeals?period=${p}`)), notice ? h('p', { class: 'notice' }, notice) : null),
    h(
      'section',
      { class: 'card', id: 'appeals' },
      appeals.length === 0
        ? h('p', { class: 'muted' }, t('appeal.none'))
        : appeals.map((a) =>
            h(
              'div',
              { class: 'list-item', 'data-appeal': a.appealId, 'data-status': a.status },
              h('div', { class: 'row' }, h('strong', {}, a.name), h('span', { class: 'muted' }, `${a.employeeNo} · ${a.department}`), h('span', { class: 'spacer' }), h('span', { class: 'tag' }, a.status === 'open' ? t('appeal.open') : '✓')),
              h('div', {}, a.reason),
              a.indicator ? h('div', { class: 'muted' }, t('appeal.indicator', { indicator: a.indicator })) : null,
              h('div', { class: 'muted' }, t('appeal.final', { final: a.final, grade: a.finalGrade }), ` · ${a.createdAt}`),
              a.resolution ? h('div', { class: 'notice' }, t('appeal.resolved', a.resolution)) : resolveForm(a, rerender),
            ),
          ),
    ),
  );
}
