// Amounts on the admin pages: typed and shown in 元 (or 万), stored and sent in integer fen; ratios
// typed and shown in %. Parsed from the digits, never through floating point (0.29 元 × 100 is
// 28.999… as a float).

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "100000", "1,000.5", "¥12.34", "1.5万" → integer fen; null when it is not an amount (or has more than 2 decimals of 元). */
export function parseYuan(text) {
  const cleaned = String(text).trim().replace(/[,，\s¥￥元]/g, '');
  const wan = /[万wW]$/.test(cleaned);
  const match = DECIMAL.exec(wan ? cleaned.slice(0, -1) : cleaned);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  // 万 shifts the point 4 places: fen is 元 with 2 more digits, so 6 decimals of 万 or 2 of 元 at most.
  const places = wan ? 6 : 2;
  if (fraction.length > places) return null;
  const digits = `${whole}${fraction.padEnd(places, '0')}`;
  const fen = Number(BigInt(digits));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Integer fen as a 元 number for an input: 10000000 → "100000", 1234 → "12.34". */
export function yuanInput(fen) {
  if (fen === null || fen === undefined || fen === '') return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const cents = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${cents === 0 ? '' : `.${String(cents).padStart(2, '0').replace(/0$/, '')}`}`;
}

/** Integer fen as people read it: "¥100,000 / 10万" (the 万 part from 1万 up). */
export function yuanText(fen) {
  const [whole, fraction] = yuanInput(fen).split('.');
  const grouped = `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
  if (Math.abs(fen) < 1_000_000) return grouped;
  // 万 with up to 2 decimals, cut (not rounded) at the digits: 12345678 fen → 12.34万.
  const wanHundredths = (fen - (fen % 10_000)) / 10_000;
  const wanText = `${Math.trunc(wanHundredths / 100)}${wanHundredths % 100 === 0 ? '' : `.${String(Math.abs(wanHundredths % 100)).padStart(2, '0').replace(/0$/, '')}`}`;
  return `${grouped} / ${wanText}万`;
}

/** "80" or "80%" or "12.5" → the ratio 0.8 / 0.125 (percent with up to 2 decimals); null when not a percent. */
export function parsePercent(text) {
  const match = DECIMAL.exec(String(text).trim().replace(/%$/, '').trim());
  if (!match || (match[2] ?? '').length > 2) return null;
  const [, whole, fraction = ''] = match;
  // A ratio with at most 4 decimals, written out as a decimal string so Number() reads it exactly as typed.
  const basisPoints = BigInt(`${whole}${fraction.padEnd(2, '0')}`);
  const text4 = String(basisPoints).padStart(5, '0');
  return Number(`${text4.slice(0, -4)}.${text4.slice(-4)}`);
}

/** A ratio as a percent for an input: 0.8 → "80", 0.125 → "12.5". */
export function percentInput(ratio) {
  if (ratio === null || ratio === undefined || ratio === '') return '';
  return String(Math.round(ratio * 10_000) / 100);
}
