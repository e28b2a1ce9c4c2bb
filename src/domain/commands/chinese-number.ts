/**
 * Chinese numerals as people type them in chat: 三万, 一万二 (12 000), 两百五 (250), 十五, 一百零五,
 * 壹万贰仟. Arabic digit runs may be mixed in (3万2千). Integers only; returns null for anything
 * that is not wholly a number.
 */
const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, bigint> = { 十: 10n, 拾: 10n, 百: 100n, 佰: 100n, 千: 1000n, 仟: 1000n };
const BIG_UNITS: Record<string, bigint> = { 万: 10_000n, 萬: 10_000n, 亿: 100_000_000n };

export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿';

export function parseChineseInteger(input: string): bigint | null {
  if (input.length === 0) return null;
  let total = 0n;
  let section = 0n;
  let number: bigint | null = null;
  let lastUnit = 1n;
  let zeroSeen = false;
  let sawAny = false;
  for (let i = 0; i < input.length; ) {
    const ch = input[i] as string;
    const run = /^\d+/.exec(input.slice(i));
    if (run) {
      number = BigInt(run[0]);
      i += run[0].length;
      sawAny = true;
      continue;
    }
    i += 1;
    if (ch in DIGITS) {
      const d = DIGITS[ch] as number;
      if (d === 0) zeroSeen = true;
      number = BigInt(d);
      sawAny = true;
    } else if (ch in SMALL_UNITS) {
      const unit = SMALL_UNITS[ch] as bigint;
      // 十五 means 15: a leading 十 has an implied 一.
      section += (number ?? (unit === 10n ? 1n : null) ?? -1n) * unit;
      if (number === null && unit !== 10n) return null;
      number = null;
      lastUnit = unit;
      zeroSeen = false;
      sawAny = true;
    } else if (ch in BIG_UNITS) {
      const unit = BIG_UNITS[ch] as bigint;
      const value = section + (number ?? 0n);
      if (value === 0n && number === null) return null;
      if (unit === 100_000_000n) total = (total + value) * unit;
      else total += value * unit;
      section = 0n;
      number = null;
      lastUnit = unit;
      zeroSeen = false;
      sawAny = true;
    } else {
      return null;
    }
  }
  if (!sawAny) return null;
  if (number !== null) {
    // 一万二 = 12 000 and 三千五 = 3 500: a bare digit right after a unit is one unit lower.
    const lastIsDigitAfterUnit = lastUnit > 10n && !zeroSeen && /[一二两三四五六七八九壹贰叁肆伍陆柒捌玖]$/.test(input);
    section += lastIsDigitAfterUnit ? number * (lastUnit / 10n) : number;
  }
  return total + section;
}
