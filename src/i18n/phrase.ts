import type { Locale } from '../domain/locale.js';
import type { Phrase, PhraseParam } from '../domain/phrase.js';
import { formatValue } from './format.js';
import { t, type MessageKey } from './index.js';

function paramText(locale: Locale, param: PhraseParam): string | number {
  if (typeof param === 'string' || typeof param === 'number') return param;
  if ('key' in param) return say(locale, param);
  if ('unit' in param) return formatValue(param.unit, param.value, locale);
  return param[locale];
}

/** A domain phrase in the reader's language: nested phrases, quantities and names translated first. */
export function say(locale: Locale, value: Phrase): string {
  const params = Object.fromEntries(Object.entries(value.params ?? {}).map(([name, param]) => [name, paramText(locale, param)]));
  return t(locale, value.key, params);
}

/** A key's sentence in every language, for data that carries both (an API listing, a frozen scorecard). */
export const inEveryLocale = (key: MessageKey): Record<Locale, string> => ({ zh: t('zh', key), en: t('en', key) });

/** Phrases that read as one text (a sentence and its notes), joined as written. */
export const sayAll = (locale: Locale, phrases: readonly Phrase[]): string => phrases.map((p) => say(locale, p)).join('');
