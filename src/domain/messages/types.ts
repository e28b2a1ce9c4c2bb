export type Locale = 'zh' | 'en';

/** A table of sentences by key, Chinese first. */
export type MessageTable = Record<string, Record<Locale, string>>;
