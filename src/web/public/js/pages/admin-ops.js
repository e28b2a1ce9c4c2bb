import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { getLocale, t } from '../i18n.js';
import { amountInput, amountOf, amountShown } from './amount-input.js';
import { cronText, descriptionText, runStatusText, runTriggerText } from './ops-text.js';

/** Per-rep targets of a period: blank means the template's target applies. */
export async function targetsPage(main, params) {
  const { today } = await api('/me');
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period') : today.slice(0, 7);
  const data = await api(`/admin/targets?period=${period}`);
  const error = h('p', { class: 'error', hidden: true });
  const notice = h('p', { class: 'notice', hidden: true });
  const inputs = [];
  const save = async (e) => {
    const changed = inputs.filter(({ input, initial }) => input.value.trim() !== initial).filter(({ input }) => input.value.trim() !== '');
    error.hidden = true;
    notice.hidden = true;
    if (changed.length === 0) return;
    e.target.disabled = true;
    try {
      const bad = changed.find(({ unit, input }) => amountOf(unit, input.value) === null);
      if (bad) throw new Error(t('admin.amountInvalid', { value: bad.input.value }));
      const body = { period, targets: changed.map(({ userId, line, unit, input }) => ({ userId, line, target: amountOf(unit, input.value) })) };
      const answer = await api('/admin/targets', { method: 'PUT', body });
      notice.hidden = false;
      notice.textContent = t('admin.targetsSaved', { count: answer.count });
      changed.forEach((c) => (c.initial = c.input.value.trim()));
    } catch (err) {
      error.hidden = false;
      error.textContent = err.message;
    } finally {
      e.target.disabled = false;
    }
  };
  mount(
    main,
    h('p', {}, h('a', { href: '#/admin' }, t('admin.back'))),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('admin.targetsTitle', { period: data.period.key })),
      h('label', { class: 'row' }, t('asmt.period'), h('input', { type: 'month', id: 'targets-period', value: period, onchange: (e) => e.target.value && (location.hash = `#/admin/targets?period=${e.target.value}`) })),
      h('p', { class: 'muted' }, t(data.period.closed ? 'admin.targetsClosed' : 'admin.targetsHint')),
      error,
      notice,
    ),
    h(
      'section',
      { class: 'card', id: 'targets' },
      data.reps.map((rep) =>
        h(
          'div',
          { class: 'list-item', 'data-user': rep.userId },
          h('strong', {}, `${rep.name} `, h('span', { class: 'muted' }, rep.employeeNo)),
          rep.lines.map((line) => {
            const { input, shown, initial } = amountInput(line.unit, line.target, line.templateTarget, { 'data-target': line.line, disabled: data.period.closed });
            inputs.push({ userId: rep.userId, line: line.line, unit: line.unit, input, initial });
            return h('label', { class: 'row filters' }, h('span', { style: { minWidth: '7em' } }, line.indicator), input, amountShown(line.unit), shown);
          }),
        ),
      ),
      data.period.closed ? null : h('button', { type: 'button', class: 'primary', id: 'save-targets', onclick: save }, t('form.save')),
    ),
  );
}

/** Job runs and the outbox's failed messages, each retryable. */
export async function opsPage(main, _params, notice) {
  const [{ jobs, runs }, outbox] = await Promise.all([api('/admin/jobs'), api('/admin/outbox?status=failed')]);
  const error = h('p', { class: 'error', hidden: true });
  const retry = (id) => async (e) => {
    e.target.disabled = true;
    try {
      await api(`/admin/outbox/${id}/retry`, { method: 'POST' });
      await opsPage(main, _params, t('admin.retried', { id }));
    } catch (err) {
      error.hidden = false;
      error.textContent = err.message;
      e.target.disabled = false;
    }
  };
  mount(
    main,
    h('p', {}, h('a', { href: '#/admin' }, t('admin.back'))),
    h(
      'section',
      { class: 'card', id: 'outbox' },
      h('h2', {}, t('admin.outboxTitle', { failed: outbox.counts.failed ?? 0, pending: outbox.counts.pending ?? 0 })),
      notice ? h('p', { class: 'notice' }, notice) : null,
      error,
      outbox.messages.length === 0
        ? h('p', { class: 'muted' }, t('admin.outboxEmpty'))
        : outbox.messages.map((m) =>
            h(
              'div',
              { class: 'list-item', 'data-message': m.id },
              h('div', { class: 'row' }, h('strong', {}, `#${m.id} ${m.platform}`), h('span', { class: 'muted' }, m.updatedAtText), h('span', { class: 'spacer' }), h('button', { type: 'button', class: 'retry', onclick: retry(m.id) }, t('admin.retry'))),
              h('div', { class: 'muted' }, t('admin.attempts', { attempts: m.attempts }), ' · ', m.lastError ?? ''),
            ),
          ),
    ),
    h(
      'section',
      { class: 'card', id: 'jobs' },
      h('h2', {}, t('admin.jobsTitle')),
      jobs.map((j) => h('div', { class: 'muted', 'data-job': j.name }, h('strong', {}, j.name), ` ${j.schedule ? cronText(j.schedule) : ''} · ${descriptionText(j.description, getLocale())}`)),
      h(
        'table',
        { style: { marginTop: '8px' } },
        h('thead', {}, h('tr', {}, ['admin.job', 'asmt.period', 'asmt.state', 'audit.at'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, runs.map((r) => h('tr', { 'data-run': r.id }, h('td', {}, r.job), h('td', {}, r.periodKey ?? ''), h('td', { class: 'run-status' }, runStatusText(r.status), r.trigger ? h('span', { class: 'muted' }, ` · ${runTriggerText(r.trigger)}`) : null, r.error ? h('div', { class: 'error' }, r.error) : null, r.result?.idle ? h('div', { class: 'muted' }, r.result.idle) : null), h('td', { class: 'muted' }, r.startedAtText ?? '')))),
      ),
    ),
  );
}
