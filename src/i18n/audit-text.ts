import type { AuditLine } from '../domain/assessment/audit-line.js';
import { t, type Locale } from './index.js';

/** An audit line in words; a row without a person reads as done by the system. */
export function auditLineText(locale: Locale, line: AuditLine): string {
  const people: Record<string, string> = line.people ? { people: line.people.join(t(locale, 'audit.line.listSeparator')) } : {};
  return t(locale, line.key, { ...line.params, ...people, actor: line.params.actor || t(locale, 'audit.line.system') });
}
