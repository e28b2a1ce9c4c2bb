import { INDICATOR_KEYS } from '../domain/kpi/indicators.js';
import { hasMessage, t } from './index.js';

/** A validation issue as zod reports it: the domain's schemas put a message key in `message`. */
export interface KeyedIssue {
  message: string;
  params?: Record<string, unknown>;
}

/**
 * An issue in the "中文 (English)" form admins have always read from the template API, whatever
 * their language; a message that is not a key (zod's own) is shown as it is. The indicator keys are
 * offered to every issue, so "unknown indicator" can list them.
 */
export function bilingualIssue(issue: KeyedIssue): string {
  if (!hasMessage(issue.message)) return issue.message;
  const params: Record<string, string | number> = { options: INDICATOR_KEYS.join(', ') };
  for (const [name, value] of Object.entries(issue.params ?? {})) if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  return `${t('zh', issue.message, params)} (${t('en', issue.message, params)})`;
}
