/** The languages a reader may have: Chinese first, English beside it. src/i18n translates into these. */
export type Locale = 'zh' | 'en';
