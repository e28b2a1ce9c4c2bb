import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { parsePercent, parseYuan, percentInput, yuanInput, yuanText } from '../money.js';

addStrings({
  'admin.amountInvalid': { zh: '「{value}」不是有效的数值（金额最多两位小数，如 100000 或 10万；比例填百分数，如 80）', en: '“{value}” is not a valid value (money with up to 2 decimals, e.g. 100000 or 10万; ratios as a percent, e.g. 80)' },
  'admin.amountUnit.fen': { zh: '元', en: 'CNY' },
  'admin.amountUnit.ratio': { zh: '%', en: '%' },
});

/** A stored value (fen for money, a fraction for ratios) as the text the admin types. */
export function amountText(unit, value) {
  if (value === null || value === undefined) return '';
  if (unit === 'fen') return yuanInput(value);
  if (unit === 'ratio') return percentInput(value);
  return String(value);
}

/** What the admin typed, as the API stores it (integer fen, a fraction); null when it is not a valid amount. */
export function amountOf(unit, text) {
  if (unit === 'fen') return parseYuan(text);
  if (unit === 'ratio') return parsePercent(text);
  const value = Number(String(text).trim());
  return String(text).trim() !== '' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** How a stored value reads: "¥100,000 / 10万", "80%", or the number. */
export function amountReads(unit, value) {
  if (value === null || value === undefined) return '';
  if (unit === 'fen') return yuanText(value);
  if (unit === 'ratio') return `${percentInput(value)}%`;
  return String(value);
}

export const amountShown = (unit) => (unit === 'fen' || unit === 'ratio' ? h('span', { class: 'muted' }, t(`admin.amountUnit.${unit}`)) : null);

/**
 * A text input for one amount (元 or %, typed as people write them) with, beside it, how the value
 * reads ("¥100,000 / 10万"), updated as the admin types; the template's value as the placeholder.
 */
export function amountInput(unit, value, placeholderValue, attrs = {}) {
  const initial = amountText(unit, value);
  const shown = h('span', { class: 'muted amount-shown' });
  const input = h('input', { type: 'text', inputmode: 'decimal', value: initial, placeholder: amountText(unit, placeholderValue) || '—', ...attrs });
  const update = () => {
    const typed = input.value.trim();
    const parsed = typed === '' ? (placeholderValue ?? null) : amountOf(unit, typed);
    shown.textContent = parsed === null ? (typed === '' ? '' : t('admin.amountInvalid', { value: typed })) : amountReads(unit, parsed);
  };
  input.addEventListener('input', update);
  update();
  return { input, shown, initial };
}
