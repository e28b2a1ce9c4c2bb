import type { Locale } from '../domain/locale.js';

export type { Locale } from '../domain/locale.js';

/** A table of sentences by key, Chinese first. */
export type MessageTable = Record<string, Record<Locale, string>>;
