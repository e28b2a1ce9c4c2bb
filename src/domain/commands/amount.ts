import { CHINESE_NUMERAL_CHARS, parseChineseInteger } from './chinese-number.js';
import { toHalfWidth } from './normalise.js';
import { parsed, rejected, type Parsed } from './parse-error.js';

/**
 * Money as reps type it — 5万, 5w, 1.2万, 50000, ¥50,000, 50k, 三万, 一万二, 5千, 3万5, 2.5亿, 800元 —
 * to exact integer fen. Decimal strings are scaled with BigInt, never floats: 1.2万 is 12000.00 yuan
 * = 1 200 000 fen exactly. Amounts finer than one fen are rejected rather than rounded.
 */

const UNIT_EXPONENTS: [RegExp, number][] = [
  [/^(亿)$/, 8],
  [/^(千万)$/, 7],
  [/^(百万)$/, 6],
  [/^(十万)$/, 5],
  [/^(万|w|万元)$/, 4],
  [/^(千|k)$/, 3],
  [/^(百)$/, 2],
  [/^$/, 0],
];

const PREFIX = /^(¥|￥|rmb|cny|人民币)/;
const SUFFIX = /(元整|元|块钱|块|rmb|cny|人民币|整)$/;

export type AmountResult = Parsed<number> | { ok: 'not-amount' };

export interface AmountOptions {
  /** Largest accepted amount in fen (a typo guard); inclusive. */
  maxFen: number;
}

/** Does this token try to be an amount at all? (Otherwise it is a word in the notes.) */
export function looksLikeAmount(token: string): boolean {
  const t = toHalfWidth(token).toLowerCase().replace(/\s+/g, '');
  const body = t.replace(PREFIX, '').replace(/^[-−负]/, '').replace(PREFIX, '');
  if (body.length === 0) return false;
  if (/^\d/.test(body) && /^[\d.,]+(亿|千万|百万|十万|万元|万|w|千|k|百)?\d?(元整|元|块钱|块|rmb|cny|人民币|整)?$/.test(body)) return true;
  const chinese = new RegExp(`^[${CHINESE_NUMERAL_CHARS}\\d点]+(元整|元|块钱|块|整)?$`);
  // A lone 一/十 inside notes ("一期") is not an amount; require a unit or two numeral characters.
  return chinese.test(body) && (/[十拾百佰千仟万萬亿元块]/.test(body) || body.length >= 2) && !/^[零〇]+$/.test(body);
}

export function parseAmountFen(token: string, options: AmountOptions): AmountResult {
  if (!looksLikeAmount(token)) return { ok: 'not-amount' };
  let t = toHalfWidth(token).toLowerCase().replace(/\s+/g, '');
  t = t.replace(PREFIX, '');
  const negative = /^[-−负]/.test(t);
  t = t.replace(/^[-−负]/, '').replace(PREFIX, '').replace(SUFFIX, '');
  if (negative) return rejected('records.error.amountNegative', { input: token });

  // 3万2千 mixes digits and Chinese units: when the Arabic reading fails, the Chinese one decides.
  const fen = (/^\d/.test(t) ? arabicToFen(t) : null) ?? chineseToFen(t);
  if (fen === null) return rejected('records.error.amountUnreadable', { input: token });
  if (fen === 'too-precise') return rejected('records.error.amountTooPrecise', { input: token });
  if (fen <= 0n) return rejected('records.error.amountZero', { input: token });
  if (fen > BigInt(options.maxFen)) return rejected('records.error.amountTooLarge', { input: token, max: formatYuan(options.maxFen) });
  return parsed(Number(fen));
}

function scale(intDigits: string, fracDigits: string, exponent: number): bigint | 'too-precise' {
  const digits = BigInt(`${intDigits}${fracDigits}` || '0');
  const shift = exponent + 2 - fracDigits.length;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  return digits % divisor === 0n ? digits / divisor : 'too-precise';
}

function arabicToFen(t: string): bigint | 'too-precise' | null {
  // 3万5 / 1w2 = 35 000 / 12 000: a single trailing digit after 万 counts thousands.
  const colloquial = /^(\d+)(万|w)(\d)$/.exec(t);
  if (colloquial) return BigInt(colloquial[1] as string) * 1_000_000n + BigInt(colloquial[3] as string) * 100_000n;
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(.*)$/.exec(t);
  if (!match) return null;
  const unit = UNIT_EXPONENTS.find(([re]) => re.test(match[3] as string));
  if (!unit) return null;
  return scale((match[1] as string).replace(/,/g, ''), match[2] ?? '', unit[1]);
}

function chineseToFen(t: string): bigint | 'too-precise' | null {
  // 一点五万 = 1.5万
  const point = /^([^点]+)点([零〇一二三四五六七八九\d]+)(万|亿|千)?$/.exec(t);
  if (point) {
    const whole = parseChineseInteger(point[1] as string);
    const frac = [...(point[2] as string)].map((c) => (/\d/.test(c) ? c : String(parseChineseInteger(c) ?? 0))).join('');
    if (whole === null) return null;
    const exponent = point[3] === '亿' ? 8 : point[3] === '万' ? 4 : point[3] === '千' ? 3 : 0;
    return scale(whole.toString(), frac, exponent);
  }
  const yuan = parseChineseInteger(t);
  return yuan === null ? null : yuan * 100n;
}

/** 1200000 fen -> "12,000.00" (for messages; never parsed back). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
