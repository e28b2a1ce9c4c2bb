import type { IndicatorUnit } from './kpi/indicators.js';
import type { Rational } from './kpi/rational.js';
import type { Locale } from './locale.js';
import type { MessageKey } from './message-key.js';

/**
 * A sentence not yet in any language: a message key and what to fill into it. The domain builds
 * phrases; src/i18n turns them into text for the reader (say / sayAll), so the domain holds no
 * user text. A param may be plain text, a value whose display depends on the language (money in
 * 万 or ¥), a name given in every language, or another phrase.
 */
export interface Phrase {
  key: MessageKey;
  params?: Record<string, PhraseParam>;
}

/** A value shown in its unit the reader's way ("8.2万" / "¥82,000", "5小时" / "5 h"). */
export interface Quantity {
  unit: IndicatorUnit;
  value: Rational;
}

export type PhraseParam = string | number | Quantity | Phrase | Readonly<Record<Locale, string>>;

export const phrase = (key: MessageKey, params?: Record<string, PhraseParam>): Phrase => (params ? { key, params } : { key });
