import type { Problem } from '../domain/problem.js';
import { hasMessage, t, type Locale } from './index.js';

/**
 * A Problem in the reader's language: its key looked up with its params, where a param that is
 * itself a message key (a status, say) is translated first. Only the doors call it (the bot
 * pipeline, the HTTP error handler, the job runner's record).
 */
export function translateProblem(locale: Locale, value: Problem): string {
  const params = Object.fromEntries(Object.entries(value.params).map(([name, param]) => [name, typeof param === 'string' && hasMessage(param) ? t(locale, param) : param]));
  return hasMessage(value.key) ? t(locale, value.key, params) : value.key;
}
