import type { Locale } from '../locale.js';
import { splitCommandWord } from './normalise.js';

/**
 * The language to answer typed text in: a slash command (/help) or an English command word of four
 * letters or more (help, visit) is answered in English, whatever the profile says; anything else in
 * the person's own locale. Short Latin words (kpi, me) are what Chinese speakers type too.
 */
export function typedLocale(text: string, fallback: Locale): Locale {
  const { word } = splitCommandWord(text);
  if (/^\/[a-z]/.test(word) || /^[a-z][a-z-]{3,}$/.test(word)) return 'en';
  return fallback;
}
