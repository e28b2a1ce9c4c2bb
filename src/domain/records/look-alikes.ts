/**
 * Names that look the same must compare the same: a zero-width space, a right-to-left mark or a
 * Cyrillic "Н" in "Нuawei" must not make a second "Huawei". Used by the customer dedupe key.
 */

/** Unicode format characters (category Cf): zero-width space/joiners, LRM/RLM and bidi overrides, BOM, word joiner… */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

export function withoutFormatCharacters(text: string): string {
  return text.replace(FORMAT_CHARACTERS, '');
}

/**
 * Cyrillic and Greek letters drawn like Latin ones, by their look in each case (an upper-case Greek
 * "Η" looks like "H", a lower-case "η" like "n"). Full-width and mathematical forms are NFKC's job.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic, upper case
  А: 'A', В: 'B', Е: 'E', Ё: 'E', З: '3', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ї: 'I', Ј: 'J', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Ү: 'Y', Һ: 'H', Ӏ: 'I',
  // Cyrillic, lower case
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', һ: 'h', ӏ: 'l', ь: 'b',
  // Greek, upper case
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // Greek, lower case
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  // Latin letters that lose their mark in a glance
  ı: 'i', ȷ: 'j',
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/** NFKC (full-width and compatibility forms), no format characters, look-alike letters folded to Latin. */
export function foldLookAlikes(text: string): string {
  return withoutFormatCharacters(text.normalize('NFKC')).replace(LOOK_ALIKE_PATTERN, (char) => LOOK_ALIKES[char] ?? char);
}
