import { formatCoefficient } from '../domain/pay/pay-rule.js';
import { t } from './index.js';
import type { Locale } from './types.js';

/** "¥3,450" or "¥3,450.05": yuan with separators, the fen only when there are any. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}¥${whole}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
}

/** "预计绩效奖金系数 1.2 / 预计提成 ¥3,450": the parts the rule has; null when there is nothing to show. */
export function payPreviewText(locale: Locale, pay: { coefficientBp: number | null; commissionFen: number | null }): string | null {
  const parts: string[] = [];
  if (pay.coefficientBp !== null) parts.push(t(locale, 'pay.preview.coefficient', { value: formatCoefficient(pay.coefficientBp) }));
  if (pay.commissionFen !== null) parts.push(t(locale, 'pay.preview.commission', { amount: yuanText(pay.commissionFen) }));
  return parts.length === 0 ? null : parts.join(' / ');
}
