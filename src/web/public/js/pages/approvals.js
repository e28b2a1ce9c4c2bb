import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { defaultPeriod, periodPicker } from './assessments.js';

const STATES = ['in_review', 'pending_approval', 'approved'];

/**
 * HR's landing (待我审批): every department's assessment of the month just closed and its state;
 * a review the manager has not submitted has a 催办 button (a nudge card, once a day per manager),
 * a submitted one links to its approval.
 */
export async function approvalsPage(main, params) {
  const period = await defaultPeriod(params);
  const { assessments } = await api(`/assessments?period=${period}`);
  const counts = Object.fromEntries(STATES.map((s) => [s, assessments.filter((a) => a.status === s).length]));
  const note = h('p', { id: 'chase-note', class: 'notice', hidden: true });
  const chase = async (a, button) => {
    button.disabled = true;
    try {
      note.textContent = (await api(`/assessments/${a.id}/chase`, { method: 'POST', body: {} })).message;
      note.className = 'notice';
    } catch (error) {
      note.textContent = error.message;
      note.className = 'error';
    }
    note.hidden = false;
    button.disabled = false;
  };
  const action = (a) => {
    if (a.status === 'in_review') {
      const button = h('button', { type: 'button', class: 'chase', 'data-assessment': a.id }, t('approvals.chase'));
      button.addEventListener('click', () => chase(a, button));
      return button;
    }
    return h('a', { class: 'tag', href: `#/assessments/detail?id=${a.id}` }, a.status === 'pending_approval' ? t('approvals.open') : t(`asmtState.${a.status}`));
  };
  mount(
    main,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('approvals.title', { period })),
      h('div', { class: 'row filters' }, periodPicker(period, (p) => (location.hash = `#/approvals?period=${p}`))),
      h('p', { id: 'approval-summary', class: 'muted' }, t('approvals.summary', counts)),
      h('div', { class: 'row' }, h('a', { class: 'tag', href: `#/assessments?period=${period}` }, t('nav.assessments')), h('a', { class: 'tag', id: 'audit-link', href: `#/assessments/audit?period=${period}` }, t('asmt.audit')), h('a', { class: 'tag', id: 'calibration-link', href: `#/calibration?period=${period}` }, t('approvals.calibrate'))),
      note,
    ),
    h(
      'section',
      { class: 'card', id: 'approvals' },
      assessments.length === 0
        ? h('p', { class: 'muted' }, t('asmt.none'))
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, h('th', {}, t('asmt.department')), h('th', {}, t('asmt.manager')), h('th', {}, t('asmt.state')), h('th', {}))),
            h(
              'tbody',
              {},
              assessments.map((a) =>
                h('tr', { 'data-assessment': a.id, 'data-status': a.status }, h('td', {}, a.department), h('td', {}, a.manager ?? '—'), h('td', {}, h('span', { class: `tag state-${a.status}` }, a.statusText)), h('td', {}, action(a))),
              ),
            ),
          ),
    ),
  );
}
