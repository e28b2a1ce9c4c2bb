import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { amountOf, amountText } from './amount-input.js';

addStrings({
  'ruleForm.kind': { zh: '计分方式', en: 'Scoring' },
  'ruleForm.gate': { zh: '达成率低于（%）记 0 分', en: 'Below (%) scores 0' },
  'ruleForm.cap': { zh: '封顶达成率（%）', en: 'Cap (%)' },
  'ruleForm.basis': { zh: '分档依据', en: 'Tiers on' },
  'ruleForm.basis.actual': { zh: '实际值', en: 'Actual value' },
  'ruleForm.basis.achievement': { zh: '达成率（%）', en: 'Achievement (%)' },
  'ruleForm.from': { zh: '达到', en: 'From' },
  'ruleForm.points': { zh: '得分', en: 'Points' },
  'ruleForm.addTier': { zh: '+ 增加一档', en: '+ Add a tier' },
  'ruleForm.removeTier': { zh: '删除', en: 'Remove' },
  'ruleForm.perUnit': { zh: '每单位分数', en: 'Points per unit' },
  'ruleForm.maxPoints': { zh: '最多（分）', en: 'At most (points)' },
  'ruleForm.invalid': { zh: '「{field}」填写有误：{value}', en: '“{field}” is not valid: {value}' },
  'weights.sum': { zh: '权重合计 {sum}', en: 'Weights total {sum}' },
  'weights.off': { zh: '⚠️ 权重合计 {sum}，不等于 100：各项将按比例折算', en: '⚠️ Weights total {sum}, not 100: each line is scaled proportionally' },
  'version.initial': { zh: '初始版本', en: 'initial version' },
  'version.from': { zh: '生效自 {month}', en: 'in force from {month}' },
});

const KINDS = ['linear', 'tiered', 'deduction', 'bonus'];
const DEFAULTS = { linear: { cap: 1.2 }, tiered: { basis: 'actual', tiers: [{ from: 0, points: 0 }] }, deduction: { perUnit: 1, maxPoints: 10 }, bonus: { perUnit: 1, maxPoints: 10 } };

/** The seeded version starts in 2000 (always in force); others read as their first month, "生效自 2026-12". */
export function effectiveText(effectiveFrom) {
  return effectiveFrom <= '2000-01-01' ? t('version.initial') : t('version.from', { month: effectiveFrom.slice(0, 7) });
}

/** A labelled field whose value is read back in the stored unit (or throws, naming the field). */
function field(labelKey, unit, value, attrs = {}) {
  const input = h('input', { type: 'text', inputmode: 'decimal', value: amountText(unit, value), ...attrs });
  const read = (optional = false) => {
    if (optional && input.value.trim() === '') return undefined;
    const parsed = amountOf(unit, input.value);
    if (parsed === null) throw new Error(t('ruleForm.invalid', { field: t(labelKey), value: input.value }));
    return parsed;
  };
  return { element: h('label', {}, t(labelKey), input), input, read };
}

/**
 * A line's scoring rule as a form, not JSON: the kind, then its own fields (percents for
 * achievement, the indicator's unit — 元 for money — for actual-value tiers). read() gives the rule
 * object the template stores.
 */
export function ruleForm(rule, unit, lineId) {
  const slot = h('div', { class: 'rule-fields' });
  let reader = () => rule;
  const draw = (current) => {
    const fields = [];
    if (current.kind === 'linear') {
      const gate = field('ruleForm.gate', 'ratio', current.gate, { 'data-rule': 'gate' });
      const cap = field('ruleForm.cap', 'ratio', current.cap ?? 1.2, { 'data-rule': 'cap' });
      fields.push(gate.element, cap.element);
      reader = () => ({ kind: 'linear', ...(gate.read(true) === undefined ? {} : { gate: gate.read() }), cap: cap.read() });
    } else if (current.kind === 'tiered') {
      const basis = h('select', { 'data-rule': 'basis' }, ['actual', 'achievement'].map((b) => h('option', { value: b, selected: b === (current.basis ?? 'actual') }, t(`ruleForm.basis.${b}`))));
      const rows = h('div', { class: 'tiers' });
      const tiers = [];
      const tierUnit = () => (basis.value === 'achievement' ? 'ratio' : unit);
      const addTier = (tier) => {
        const from = field('ruleForm.from', tierUnit(), tier.from, { 'data-rule': 'tier-from' });
        const points = field('ruleForm.points', 'count', tier.points, { 'data-rule': 'tier-points' });
        const entry = { from, points };
        const row = h('div', { class: 'row filters' }, from.element, points.element, h('button', { type: 'button', onclick: () => (tiers.splice(tiers.indexOf(entry), 1), row.remove()) }, t('ruleForm.removeTier')));
        tiers.push(entry);
        rows.append(row);
      };
      (current.tiers ?? []).forEach(addTier);
      basis.addEventListener('change', () => {
        // Tiers move to the other basis in their stored units; a half-typed tier starts the list afresh.
        let tiersNow = [];
        try {
          tiersNow = reader().tiers;
        } catch {
          tiersNow = [];
        }
        draw({ kind: 'tiered', basis: basis.value, tiers: tiersNow });
      });
      fields.push(h('label', {}, t('ruleForm.basis'), basis), rows, h('button', { type: 'button', class: 'add-tier', onclick: () => addTier({ from: '', points: '' }) }, t('ruleForm.addTier')));
      reader = () => ({ kind: 'tiered', basis: basis.value, tiers: tiers.map((e) => ({ from: e.from.read(), points: e.points.read() })) });
    } else {
      const perUnit = field('ruleForm.perUnit', 'count', current.perUnit, { 'data-rule': 'perUnit' });
      const maxPoints = field('ruleForm.maxPoints', 'count', current.maxPoints, { 'data-rule': 'maxPoints' });
      fields.push(perUnit.element, maxPoints.element);
      reader = () => ({ kind: current.kind, perUnit: perUnit.read(), maxPoints: maxPoints.read() });
    }
    slot.replaceChildren(h('div', { class: 'row filters' }, ...fields));
  };
  const kind = h('select', { 'data-rule': 'kind', 'data-rule-of': lineId }, KINDS.map((k) => h('option', { value: k, selected: k === rule.kind }, t(`rule.${k}`))));
  kind.addEventListener('change', () => draw({ kind: kind.value, ...DEFAULTS[kind.value] }));
  draw(rule);
  return { element: h('div', { class: 'rule-form' }, h('label', {}, t('ruleForm.kind'), kind), slot), read: () => reader(), kind };
}

/** Σ of the weighted lines' weights, exactly to 2 decimals, and the sentence saying whether it is 100. */
export function weightsNote(weights) {
  const hundredths = weights.reduce((sum, w) => sum + Math.round(Number(w) * 100), 0);
  const sum = String(hundredths / 100);
  return { ok: hundredths === 10_000, text: t(hundredths === 10_000 ? 'weights.sum' : 'weights.off', { sum }) };
}
