import type { Problem } from '../problem.js';
import { hasMessage, t, type Locale } from './index.js';

/**
 * A Problem in the reader's language: its key filled with its params, where a param that is itself
 * a message key ({what: 'records.kind.visit'}) is translated first. Only the doors call this.
 */
export function problemText(locale: Locale, problem: Problem): string {
  const params = Object.fromEntries(Object.entries(problem.params).map(([k, v]) => [k, typeof v === 'string' && hasMessage(v) ? t(locale, v) : v]));
  return hasMessage(problem.key) ? t(locale, problem.key, params) : problem.key;
}
