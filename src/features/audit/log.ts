import { listAudit, type AuditQuery } from '../../db/repositories/assessment-audit.js';
import { auditLine, isSystemRow } from '../../domain/assessment/audit-line.js';
import { problem, ProblemError } from '../../domain/problem.js';
import { auditLineText } from '../../i18n/audit-text.js';
import type { Actor, SystemActor } from '../actor.js';
import { instantText } from '../assessment/views.js';
import type { AppDeps } from '../deps.js';

export type { AuditQuery } from '../../db/repositories/assessment-audit.js';
export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

/**
 * The audit log, read-only (the table itself refuses updates and deletes), for HR, admins and the
 * admin API (the system). The H5 page and the Bearer-token admin API both read it here.
 */
export async function listAuditLog(deps: Pick<AppDeps, 'db'>, actor: Actor | SystemActor, query: AuditQuery): Promise<AuditRow[]> {
  if (actor.user && !actor.user.roles.some((role) => role === 'hr' || role === 'admin')) throw new ProblemError(problem('FORBIDDEN', 'audit.problem.forbidden'));
  return listAudit(deps.db, query);
}

/** Rows as the audit page shows them: one sentence each in the reader's language, with the people to filter by. */
export async function auditLogEntries(deps: Pick<AppDeps, 'org' | 'config'>, actor: Actor, rows: readonly AuditRow[]) {
  // Names are read once per request: the sentences are built synchronously from them.
  const departments = new Map((await deps.org.listDepartments()).map((d) => [d.id, d.name]));
  const people = await deps.org.listUsers();
  const userNames = new Map(people.map((u) => [u.id, u.name]));
  const names = { user: (id: number) => userNames.get(id), department: (id: number) => departments.get(id) };
  return {
    people: people.map((u) => ({ id: u.id, name: u.name })),
    entries: rows.map((row) => ({
      id: row.id,
      at: instantText(row.at, deps.config.timezone),
      actor: row.actorUserId === null ? null : (userNames.get(row.actorUserId) ?? null),
      system: isSystemRow(row),
      line: auditLineText(actor.locale, auditLine(row, names)),
      source: row.source,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
    })),
  };
}
