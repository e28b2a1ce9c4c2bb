import { parseAmountFen } from '../commands/amount.js';
import { toHalfWidth } from '../commands/normalise.js';
import { makeDate } from '../records/business-date.js';

/**
 * Cells of an imported sheet as people fill them: headers in Chinese or English, dates as
 * 2026-03-05, 2026/3/5, 2026.3.5 or 20260305, money as 5万, ¥50,000.00 or 800元 (to integer fen).
 */

/** One record keyed by canonical field names; headers not in `aliases` are ignored. */
export function canonicalCells<K extends string>(record: Record<string, unknown>, aliases: Record<string, K>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [header, value] of Object.entries(record)) {
    const key = aliases[toHalfWidth(header).trim().toLowerCase().replace(/\s+/g, '_')];
    if (key) out[key] = toHalfWidth(String(value ?? '')).trim();
  }
  return out;
}

export function sheetDate(text: string): string | null {
  const match = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text.trim());
  if (!match) return null;
  return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Integer fen, or null when the cell is not a positive amount within the cap. */
export function sheetAmountFen(text: string, maxFen: number): number | null {
  const result = parseAmountFen(text.replace(/\s+/g, ''), { maxFen });
  return result.ok === true ? result.value : null;
}
