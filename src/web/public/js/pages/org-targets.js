import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { amountOf, amountReads } from './amount-input.js';

addStrings({
  'orgTargets.title': { zh: '部门目标拆分', en: 'Department targets' },
  'orgTargets.department': { zh: '部门', en: 'Department' },
  'orgTargets.line': { zh: '指标行（如 payments）', en: 'Line (e.g. payments)' },
  'orgTargets.target': { zh: '部门目标', en: 'Department target' },
  'orgTargets.method': { zh: '拆分方式', en: 'Split' },
  'orgTargets.even': { zh: '平均', en: 'Evenly' },
  'orgTargets.share': { zh: '按上期占比', en: "By last period's share" },
  'orgTargets.none': { zh: '只设部门目标', en: 'Department target only' },
  'orgTargets.save': { zh: '保存并拆分', en: 'Save and split' },
  'orgTargets.check': { zh: '个人目标合计 {allocated}，部门目标 {target}，差额 {difference}（{percent}%）', en: 'Reps total {allocated} of {target}: difference {difference} ({percent}%)' },
  'orgTargets.version': { zh: '第 {version} 版，{from} 起', en: 'Version {version}, from {from}' },
});

/** Admins and managers: a department's target for a period and line, split to its reps, with the sum check. */
export async function orgTargetsPage(main, params) {
  const { today } = await api('/me');
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period') : today.slice(0, 7);
  const { departments } = await api('/targets/departments');
  const select = h('select', {}, ...departments.map((d) => h('option', { value: String(d.id) }, d.path)));
  const line = h('input', { type: 'text', value: 'payments' });
  const target = h('input', { type: 'text', inputmode: 'decimal' });
  const method = h('select', {}, ...['even', 'share', ''].map((m) => h('option', { value: m }, t(m ? `orgTargets.${m}` : 'orgTargets.none'))));
  const error = h('p', { class: 'error', hidden: true });
  const view = h('div', { 'data-org-targets': '' });
  const show = async () => {
    const data = await api(`/targets/departments/${select.value}?period=${period}`);
    mount(
      view,
      ...data.lines.map((l) =>
        h(
          'section',
          { class: 'card' },
          h('h3', {}, l.lineKey, ' · ', amountReads(l.unit, l.target), ' · ', t('orgTargets.version', { version: l.version, from: l.validFrom })),
          h('p', { class: l.check.difference === 0 ? 'notice' : 'error', 'data-sum-check': '' }, t('orgTargets.check', { allocated: amountReads(l.unit, l.check.allocated), target: amountReads(l.unit, l.check.target), difference: amountReads(l.unit, l.check.difference), percent: l.check.percent ?? '—' })),
          h('ul', {}, ...l.reps.map((r) => h('li', {}, `${r.name}（${r.employeeNo}）`, ' ', r.target === null ? '—' : amountReads(l.unit, r.target)))),
        ),
      ),
    );
  };
  const save = async () => {
    error.hidden = true;
    try {
      const unit = line.value.trim() === 'payments' || line.value.trim() === 'revenue' ? 'fen' : 'count';
      const amount = amountOf(unit, target.value);
      if (amount === null) throw new Error(t('admin.amountInvalid', { value: target.value }));
      const body = { period, departmentId: Number(select.value), line: line.value.trim(), target: amount, ...(method.value ? { split: { method: method.value } } : {}) };
      await api('/targets', { method: 'POST', body });
      await show();
    } catch (err) {
      error.hidden = false;
      error.textContent = err.message;
    }
  };
  select.addEventListener('change', () => void show());
  mount(
    main,
    h('h2', {}, t('orgTargets.title'), ' · ', period),
    h('label', {}, t('orgTargets.department'), select),
    h('label', {}, t('orgTargets.line'), line),
    h('label', {}, t('orgTargets.target'), target),
    h('label', {}, t('orgTargets.method'), method),
    h('button', { type: 'button', onclick: save }, t('orgTargets.save')),
    error,
    view,
  );
  if (departments.length > 0) await show();
}
