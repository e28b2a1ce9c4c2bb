import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { amountInput, amountOf, amountReads, amountShown } from './amount-input.js';
import { checkText, manualSplit } from './org-target-split.js';

addStrings({
  'orgTargets.title': { zh: '部门目标拆分', en: 'Department targets' },
  'orgTargets.department': { zh: '部门', en: 'Department' },
  'orgTargets.line': { zh: '指标', en: 'Indicator' },
  'orgTargets.target': { zh: '部门目标', en: 'Department target' },
  'orgTargets.method': { zh: '拆分方式', en: 'Split' },
  'orgTargets.even': { zh: '平均', en: 'Evenly' },
  'orgTargets.share': { zh: '按上期占比', en: "By last period's share" },
  'orgTargets.manual': { zh: '按人手填', en: 'By hand' },
  'orgTargets.none': { zh: '只设部门目标', en: 'Department target only' },
  'orgTargets.save': { zh: '保存并拆分', en: 'Save and split' },
  'orgTargets.noLines': { zh: '该部门的考核模板里没有可拆分的指标（金额或数量）', en: 'The department’s template has no line to split (money or counts)' },
  'orgTargets.saved': { zh: '已保存第 {version} 版', en: 'Saved as version {version}' },
  'orgTargets.version': { zh: '第 {version} 版，{from} 起', en: 'Version {version}, from {from}' },
});

function linesView(data) {
  return data.lines.map((l) =>
    h(
      'section',
      { class: 'card', 'data-line': l.lineKey },
      h('h3', {}, data.choices.find((c) => c.lineKey === l.lineKey)?.indicator ?? l.lineKey, ' · ', amountReads(l.unit, l.target), ' · ', t('orgTargets.version', { version: l.version, from: l.validFrom })),
      h('p', { class: l.check.difference === 0 ? 'notice' : 'error', 'data-sum-check': '' }, checkText(l.unit, l.check)),
      h('ul', {}, ...l.reps.map((r) => h('li', { 'data-user': r.userId }, `${r.name}（${r.employeeNo}）`, ' ', r.target === null ? '—' : amountReads(l.unit, r.target)))),
    ),
  );
}

/**
 * Admins and managers: a department's target for a period and line, split to its reps (evenly, by
 * last period's share, or by hand with a live sum check), and the targets in force with the sum check.
 * The unit of an amount (元 or a count) comes from the line's indicator, as the server defines it.
 */
export async function orgTargetsPage(main, params) {
  const { today } = await api('/me');
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period') : today.slice(0, 7);
  const { departments } = await api('/targets/departments');
  const department = h('select', { id: 'org-dept' }, ...departments.map((d) => h('option', { value: String(d.id) }, d.path)));
  const form = h('div', {});
  const view = h('div', { 'data-org-targets': '' });
  const error = h('p', { class: 'error', hidden: true });
  const notice = h('p', { class: 'notice', hidden: true, id: 'org-saved' });

  const show = async (keepLine) => {
    const id = department.value;
    const data = await api(`/targets/departments/${id}?period=${period}`);
    // A second pick while this one loads: the newer answer draws, this older one is dropped.
    if (department.value !== id) return;
    form.dataset.department = id;
    mount(view, linesView(data));
    if (data.choices.length === 0) return mount(form, h('p', { class: 'muted' }, t('orgTargets.noLines')));
    const line = h('select', { id: 'org-line' }, ...data.choices.map((c) => h('option', { value: c.lineKey }, `${c.indicator}（${c.lineKey}）`)));
    if (keepLine && data.choices.some((c) => c.lineKey === keepLine)) line.value = keepLine;
    const method = h('select', { id: 'org-method' }, ...['even', 'share', 'manual', ''].map((m) => h('option', { value: m }, t(m ? `orgTargets.${m}` : 'orgTargets.none'))));
    const amountSlot = h('span', { class: 'row' });
    const manualSlot = h('div', {});
    let target;
    let split;
    const unitOf = () => data.choices.find((c) => c.lineKey === line.value).unit;
    const draw = () => {
      const unit = unitOf();
      const current = data.lines.find((l) => l.lineKey === line.value);
      target = amountInput(unit, current?.target ?? null, null, { id: 'org-target' });
      mount(amountSlot, target.input, amountShown(unit), target.shown);
      split = method.value === 'manual' ? manualSplit(unit, line.value, data.reps, target.input) : null;
      mount(manualSlot, split?.element ?? null);
    };
    line.addEventListener('change', draw);
    method.addEventListener('change', draw);
    const save = async (e) => {
      error.hidden = true;
      notice.hidden = true;
      e.target.disabled = true;
      try {
        const unit = unitOf();
        const amount = amountOf(unit, target.input.value);
        if (amount === null || !Number.isInteger(amount)) throw new Error(t('admin.amountInvalid', { value: target.input.value }));
        const chosen = method.value ? { split: { method: method.value, ...(split ? { manual: split.read() } : {}) } } : {};
        const saved = await api('/targets', { method: 'POST', body: { period, departmentId: Number(department.value), line: line.value, target: amount, ...chosen } });
        await show(line.value);
        notice.hidden = false;
        notice.textContent = [t('orgTargets.saved', { version: saved.version }), saved.check ? checkText(unit, saved.check) : ''].filter(Boolean).join('。');
      } catch (err) {
        error.hidden = false;
        error.textContent = err.message;
      } finally {
        e.target.disabled = false;
      }
    };
    draw();
    mount(
      form,
      h('label', { class: 'row filters' }, t('orgTargets.line'), line),
      h('label', { class: 'row filters' }, t('orgTargets.target'), amountSlot),
      h('label', { class: 'row filters' }, t('orgTargets.method'), method),
      manualSlot,
      h('button', { type: 'button', id: 'org-save', class: 'primary', onclick: save }, t('orgTargets.save')),
    );
  };
  department.addEventListener('change', () => {
    notice.hidden = true;
    void show();
  });
  mount(main, h('section', { class: 'card' }, h('h2', {}, t('orgTargets.title'), ' · ', period), h('label', { class: 'row filters' }, t('orgTargets.department'), department), form, error, notice), view);
  if (departments.length > 0) await show();
}
