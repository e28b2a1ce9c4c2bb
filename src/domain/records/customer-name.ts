import { toHalfWidth } from '../commands/normalise.js';

/**
 * Company suffixes people leave off when they type a customer's name. Longest first so
 * "股份有限公司" is removed whole rather than leaving "股份".
 */
const COMPANY_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '公司', 'co.,ltd.', 'co.,ltd', 'co.ltd', 'coltd', 'ltd.', 'ltd', 'inc.', 'inc'];

/**
 * The dedupe key of a customer name or alias: case, full/half width, spaces, punctuation-free
 * company suffixes and brackets ignored. "华为技术有限公司", "华为技术 公司" and "华为技术" share a key.
 */
export function normaliseName(input: string): string {
  let key = toHalfWidth(input)
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, '')
    .replace(/[()（）[\]【】「」"'`·.,，。]/g, (ch) => (ch === '.' || ch === ',' ? ch : ''));
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return key.replace(/[.,]/g, '');
}
