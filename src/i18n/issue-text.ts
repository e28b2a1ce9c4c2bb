import { INDICATOR_KEYS } from '../domain/kpi/indicators.js';
import { hasMessage, t, type Locale } from './index.js';

/** A validation issue as zod reports it: the domain's schemas put a message key in `message`. */
export interface KeyedIssue {
  message: string;
  params?: Record<string, unknown>;
}

/** The issue's own parameters that a sentence can show (strings and numbers). */
function issueParams(issue: KeyedIssue): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  return params;
}

/**
 * An issue in the "中文 (English)" form admins have always read from the template API, whatever
 * their language; a message that is not a key (zod's own) is shown as it is. The indicator keys are
 * offered to every issue, so "unknown indicator" can list them.
 */
export function bilingualIssue(issue: KeyedIssue): string {
  if (!hasMessage(issue.message)) return issue.message;
  const params = { options: INDICATOR_KEYS.join(', '), ...issueParams(issue) };
  return `${t('zh', issue.message, params)} (${t('en', issue.message, params)})`;
}

/** zod's own issue, as zod 4 reports it (code and bounds) when the schema named no message key. */
export interface ZodLikeIssue extends KeyedIssue {
  code?: string;
  path?: readonly PropertyKey[];
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

const bound = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? String(value) : '?');

/** One issue in the reader's language: a keyed message as written, zod's own by its code. */
export function localIssue(locale: Locale, issue: ZodLikeIssue): string {
  if (hasMessage(issue.message)) {
    return t(locale, issue.message, issueParams(issue));
  }
  switch (issue.code) {
    case 'invalid_type': {
      const type = `common.issue.type.${String(issue.expected)}`;
      return t(locale, 'common.issue.type', { expected: hasMessage(type) ? t(locale, type) : String(issue.expected ?? '?') });
    }
    case 'too_small':
      return t(locale, 'common.issue.tooSmall', { minimum: bound(issue.minimum) });
    case 'too_big':
      return t(locale, 'common.issue.tooBig', { maximum: bound(issue.maximum) });
    case 'unrecognized_keys':
      return t(locale, 'common.issue.unknownKey');
    default:
      return t(locale, 'common.issue.invalid');
  }
}

/** Every issue as "path: reason" in the reader's language, joined for one refusal. */
export function localIssues(locale: Locale, issues: readonly ZodLikeIssue[], root: string): string {
  return issues.map((i) => `${i.path?.map(String).join('.') || root}: ${localIssue(locale, i)}`).join('; ');
}
