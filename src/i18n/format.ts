import type { IndicatorUnit } from '../domain/kpi/indicators.js';
import { formatPercent } from '../domain/kpi/format.js';
import { cmp, mul, rat, toDecimalString, type Rational } from '../domain/kpi/rational.js';
import type { Locale } from '../domain/locale.js';

/**
 * Values whose units differ by language, rounded as src/domain/kpi/format.ts rounds. Money: fen
 * shown as 元; from 1万 元 up, Chinese shows 万 with up to 2 decimals ("8.2万"); English shows full
 * yuan with separators ("¥82,000").
 */

const TEN_THOUSAND_YUAN_IN_FEN = rat(1_000_000);

function withSeparators(decimal: string): string {
  const [whole = '', fraction] = decimal.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export function formatMoney(fen: Rational, locale: Locale): string {
  const yuan = mul(fen, rat(1, 100));
  if (locale === 'en') return `¥${withSeparators(toDecimalString(yuan, 2))}`;
  const abs = fen.n < 0n ? rat(-fen.n, fen.d) : fen;
  if (cmp(abs, TEN_THOUSAND_YUAN_IN_FEN) >= 0) return `${toDecimalString(mul(fen, rat(1, 1_000_000)), 2)}万`;
  return `${withSeparators(toDecimalString(yuan, 2))}元`;
}

export function formatValue(unit: IndicatorUnit, value: Rational, locale: Locale): string {
  switch (unit) {
    case 'fen':
      return formatMoney(value, locale);
    case 'ratio':
      return formatPercent(value);
    case 'hours':
      return locale === 'zh' ? `${toDecimalString(value, 2)}小时` : `${toDecimalString(value, 2)} h`;
    case 'count':
    case 'points':
      return toDecimalString(value, 2);
  }
}
