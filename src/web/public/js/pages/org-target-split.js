import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { amountInput, amountOf, amountReads, amountShown } from './amount-input.js';

addStrings({
  'orgTargets.manualHint': { zh: '逐人填写个人目标（空着算 0）', en: 'Each rep’s target (blank counts as 0)' },
  'orgTargets.check': { zh: '个人目标合计 {allocated}，部门目标 {target}，差额 {difference}（{percent}%）', en: 'Reps total {allocated} of {target}: difference {difference} ({percent}%)' },
});

/** The sum check in words, read in the line's unit (the server's check after saving, the page's while typing). */
export function checkText(unit, check) {
  return t('orgTargets.check', { allocated: amountReads(unit, check.allocated), target: amountReads(unit, check.target), difference: amountReads(unit, check.difference), percent: check.percent ?? '—' });
}

/** allocated as a percentage of the target, one decimal, as the server words it; null when the target is 0. */
const percentOf = (allocated, target) => (target === 0 ? null : (Math.round((allocated * 1000) / target) / 10).toFixed(1));

/**
 * The split by hand: one input per rep in the line's unit (元 or a count), starting from the rep's
 * target in force, and the sum check against the department target updated as either is typed.
 */
export function manualSplit(unit, lineKey, reps, targetInput) {
  const rows = reps.map((rep) => ({ rep, ...amountInput(unit, rep.targets[lineKey] ?? null, null, { 'data-rep': rep.userId }) }));
  const live = h('p', { id: 'org-live-check' });
  const valueOf = (text) => (text.trim() === '' ? 0 : amountOf(unit, text));
  const refresh = () => {
    const target = amountOf(unit, targetInput.value);
    const parts = rows.map((r) => valueOf(r.input.value));
    if (target === null || parts.some((p) => p === null)) {
      live.textContent = '';
      return;
    }
    const allocated = parts.reduce((a, b) => a + b, 0);
    live.textContent = checkText(unit, { target, allocated, difference: allocated - target, percent: percentOf(allocated, target) });
    live.className = allocated === target ? 'notice' : 'error';
  };
  for (const row of rows) row.input.addEventListener('input', refresh);
  targetInput.addEventListener('input', refresh);
  refresh();
  return {
    element: h(
      'div',
      { id: 'org-manual' },
      h('p', { class: 'muted' }, t('orgTargets.manualHint')),
      rows.map((r) => h('label', { class: 'row filters', 'data-user': r.rep.userId }, h('span', { style: { minWidth: '7em' } }, `${r.rep.name}（${r.rep.employeeNo}）`), r.input, amountShown(unit), r.shown)),
      live,
    ),
    /** The amounts to send; throws the localized message on the first that is not a valid amount. */
    read() {
      return rows.map((r) => {
        const value = valueOf(r.input.value);
        if (value === null || !Number.isInteger(value)) throw new Error(t('admin.amountInvalid', { value: r.input.value }));
        return { userId: r.rep.userId, target: value };
      });
    },
  };
}
