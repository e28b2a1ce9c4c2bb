import { toHalfWidth } from '../commands/normalise.js';
import { foldLookAlikes } from './look-alikes.js';

/** Chinese company suffixes people leave off when they type a name; longest first. */
const CHINESE_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '公司'];
/** Latin suffixes count only after a separator ("Zinc" keeps its "inc"). */
const LATIN_SUFFIX = /[\s,.]+(co\.?,?\s*ltd\.?|ltd\.?|limited|inc\.?|corp\.?|llc)$/;

/**
 * The dedupe key of a customer name or alias: case, full/half width, spaces, brackets and company
 * suffixes ignored. "华为技术有限公司", "华为技术 公司" and "华为技术" share a key, as do "Acme Co., Ltd."
 * and "ACME". Look-alikes compare the same: NFKC, no invisible format characters, Cyrillic and Greek
 * letters that look Latin folded to it ("Нuawei", "Hua\u200bwei" and "Ｈｕａｗｅｉ" are "huawei").
 */
export function normaliseName(input: string): string {
  let text = toHalfWidth(foldLookAlikes(input)).toLowerCase().trim();
  while (LATIN_SUFFIX.test(text)) text = text.replace(LATIN_SUFFIX, '');
  let key = text.replace(/[\s\u00a0()（）[\]【】「」"'`·.,，。、]+/g, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of CHINESE_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return key;
}
