import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { parseYuan, yuanInput } from '../money.js';
import { effectiveText } from './rule-form.js';

addStrings({
  'payRule.title': { zh: '绩效奖金与提成（预估，非工资）', en: 'Bonus and commission (a preview, not payroll)' },
  'payRule.grade': { zh: '等级', en: 'Grade' },
  'payRule.coefficient': { zh: '奖金系数', en: 'Bonus coefficient' },
  'payRule.commission': { zh: '按已确认回款计提成（分档累进）', en: 'Commission on confirmed receipts (progressive tiers)' },
  'payRule.from': { zh: '回款超过（元）', en: 'Receipts above (CNY)' },
  'payRule.rate': { zh: '提成比例（%）', en: 'Rate (%)' },
  'payRule.addTier': { zh: '添加一档', en: 'Add a tier' },
  'payRule.removeTier': { zh: '删除', en: 'Remove' },
  'payRule.save': { zh: '保存绩效规则（本期起生效）', en: 'Save the pay rule (from this period)' },
  'payRule.saved': { zh: '已保存绩效规则第 {version} 版，{from}', en: 'Pay rule saved as version {version}, {from}' },
  'payRule.inForce': { zh: '本期 {period} 在用的规则；版本：{list}', en: 'The rule in force for {period}; versions: {list}' },
  'payRule.default': { zh: '默认规则', en: 'the default' },
  'payRule.badCoefficient': { zh: '等级 {grade} 的系数「{value}」无效（如 1.2，最多四位小数）', en: 'Grade {grade}: “{value}” is not a coefficient (e.g. 1.2, up to 4 decimals)' },
  'payRule.badTier': { zh: '第 {n} 档无效：金额最多两位小数，比例如 3 或 2.5（%）', en: 'Tier {n} is not valid: amounts with up to 2 decimals, rates like 3 or 2.5 (%)' },
});

/** "1.2" ↔ 12000 basis points, and "2.5" (%) ↔ 250, from the digits (no floating point). */
const toBp = (text, places, scale) => {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!match || (match[2] ?? '').length > places) return null;
  return Number(match[1]) * scale + Number((match[2] ?? '').padEnd(places, '0') || 0);
};
const fromBp = (bp, places, scale) => {
  const fraction = String(bp % scale).padStart(places, '0').replace(/0+$/, '');
  return `${Math.trunc(bp / scale)}${fraction ? `.${fraction}` : ''}`;
};
export const coefficientBp = (text) => toBp(text, 4, 10_000);
export const rateBp = (text) => toBp(text, 2, 100);

/**
 * The template's pay rule in the editor (admins): a bonus coefficient per grade and, optionally,
 * commission tiers on confirmed 回款 (thresholds in 元, rates in %). Saved through the pay-rule route,
 * which checks it: a bad rule comes back as the server's localized refusal and nothing is stored.
 */
export async function payRuleSection(code, bandGrades) {
  const path = `/admin/templates/${encodeURIComponent(code)}/pay-rule`;
  const section = h('section', { class: 'card', id: 'pay-rule' });
  const draw = async (message) => {
    const data = await api(path);
    const grades = [...new Set([...data.rule.coefficients.map((c) => c.grade), ...bandGrades])];
    const coefficients = grades.map((grade) => {
      const bp = data.rule.coefficients.find((c) => c.grade === grade)?.bp;
      return { grade, input: h('input', { type: 'text', inputmode: 'decimal', value: bp === undefined ? '' : fromBp(bp, 4, 10_000), 'data-coefficient': grade }) };
    });
    const tiersBox = h('div', { id: 'pay-tiers' });
    const tiers = [];
    const addTier = (tier) => {
      const from = h('input', { type: 'text', inputmode: 'decimal', value: yuanInput(tier.fromFen), 'data-tier-from': '' });
      const rate = h('input', { type: 'text', inputmode: 'decimal', value: fromBp(tier.rateBp, 2, 100), 'data-tier-rate': '' });
      const entry = { from, rate };
      const row = h('div', { class: 'row filters' }, h('label', {}, t('payRule.from'), from), h('label', {}, t('payRule.rate'), rate));
      row.append(h('button', { type: 'button', onclick: () => (tiers.splice(tiers.indexOf(entry), 1), row.remove()) }, t('payRule.removeTier')));
      tiers.push(entry);
      tiersBox.append(row);
    };
    (data.rule.commission?.tiers ?? [{ fromFen: 0, rateBp: 0 }]).forEach(addTier);
    const commission = h('input', { type: 'checkbox', id: 'pay-commission', checked: data.rule.commission !== null });
    const commissionBox = h('div', { hidden: data.rule.commission === null }, tiersBox, h('button', { type: 'button', id: 'pay-add-tier', onclick: () => addTier({ fromFen: 0, rateBp: 0 }) }, t('payRule.addTier')));
    commission.addEventListener('change', () => (commissionBox.hidden = !commission.checked));
    const error = h('p', { class: 'error', id: 'pay-error', hidden: true });
    const notice = h('p', { class: 'notice', id: 'pay-saved', hidden: !message }, message ?? '');
    const read = () => ({
      coefficients: coefficients
        .filter((c) => c.input.value.trim() !== '')
        .map((c) => {
          const bp = coefficientBp(c.input.value);
          if (bp === null) throw new Error(t('payRule.badCoefficient', { grade: c.grade, value: c.input.value.trim() }));
          return { grade: c.grade, bp };
        }),
      commission: commission.checked
        ? {
            tiers: tiers.map(({ from, rate }, i) => {
              const fromFen = parseYuan(from.value);
              const bp = rateBp(rate.value);
              if (fromFen === null || bp === null) throw new Error(t('payRule.badTier', { n: i + 1 }));
              return { fromFen, rateBp: bp };
            }),
          }
        : null,
    });
    const save = async (e) => {
      error.hidden = true;
      notice.hidden = true;
      e.target.disabled = true;
      try {
        const saved = await api(path, { method: 'PUT', body: { rule: read() } });
        await draw(t('payRule.saved', { version: saved.version, from: effectiveText(saved.effectiveFrom) }));
      } catch (err) {
        error.hidden = false;
        error.textContent = err.message;
        e.target.disabled = false;
      }
    };
    const versions = data.versions.map((v) => `v${v.version} ${effectiveText(v.effectiveFrom)}`).join(' · ') || t('payRule.default');
    mount(
      section,
      h('h2', {}, t('payRule.title')),
      h('div', { class: 'muted', id: 'pay-versions' }, t('payRule.inForce', { period: data.period, list: versions })),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('payRule.grade')), h('th', {}, t('payRule.coefficient')))), h('tbody', {}, coefficients.map((c) => h('tr', { 'data-grade': c.grade }, h('td', {}, c.grade), h('td', {}, c.input))))),
      h('label', { class: 'row' }, commission, t('payRule.commission')),
      commissionBox,
      error,
      notice,
      h('button', { type: 'button', id: 'pay-save', class: 'primary', onclick: save }, t('payRule.save')),
    );
  };
  await draw();
  return section;
}
