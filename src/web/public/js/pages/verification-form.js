import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { amountOf, amountText } from './amount-input.js';

addStrings({
  'verifyForm.title': { zh: '计入哪些记录', en: 'Which records count' },
  'verifyForm.all': { zh: '不勾选 = 全部计入', en: 'none ticked = every record counts' },
  'verifyForm.weight': { zh: '权重', en: 'weight' },
  'verifyForm.cap': { zh: '每期最多计入', en: 'At most per period' },
  'verifyForm.invalid': { zh: '「{field}」填写有误：{value}', en: '“{field}” is not valid: {value}' },
});

/**
 * A line's verification rule (issue 17) as ticks with a weight each: nothing ticked stores no rule,
 * so every record counts as before. The per-period cap (e.g. training hours) sits beside it, in the
 * indicator's unit. `verifications` come from the template API with their names in the reader's language.
 */
export function verificationForm(line, unit, verifications) {
  const rule = line.verification;
  const rows = verifications.map((v) => {
    const tick = h('input', { type: 'checkbox', 'data-verify': v.key, 'data-verify-of': line.id, checked: rule ? rule.count.includes(v.key) : false });
    const weight = h('input', { type: 'number', min: 0, max: 1, step: 0.1, value: rule?.weights?.[v.key] ?? 1, 'data-verify-weight': v.key, class: 'narrow' });
    return { key: v.key, tick, weight, element: h('label', { class: 'verify' }, tick, ` ${v.name} · ${t('verifyForm.weight')} `, weight) };
  });
  const cap = h('input', { type: 'text', inputmode: 'decimal', value: line.actualCap === undefined ? '' : amountText(unit, line.actualCap), 'data-actual-cap': line.id });
  const read = () => {
    const counted = rows.filter((r) => r.tick.checked);
    const weights = {};
    for (const r of counted) {
      const w = Number(r.weight.value);
      if (!Number.isFinite(w) || w < 0 || w > 1) throw new Error(t('verifyForm.invalid', { field: t('verifyForm.weight'), value: r.weight.value }));
      if (w !== 1) weights[r.key] = w;
    }
    const verification = counted.length === 0 ? undefined : { count: counted.map((r) => r.key), ...(Object.keys(weights).length ? { weights } : {}) };
    const capText = cap.value.trim();
    const actualCap = capText === '' ? undefined : amountOf(unit, capText);
    if (actualCap === null) throw new Error(t('verifyForm.invalid', { field: t('verifyForm.cap'), value: capText }));
    return { verification, actualCap };
  };
  const element = h(
    'div',
    { class: 'verify-form', 'data-verify-form': line.id },
    h('div', { class: 'muted' }, `${t('verifyForm.title')}（${t('verifyForm.all')}）`),
    h('div', { class: 'row filters' }, rows.map((r) => r.element)),
    h('label', {}, t('verifyForm.cap'), cap),
  );
  return { element, read };
}
