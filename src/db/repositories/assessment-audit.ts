import { and, asc, desc, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { onConnection, type Db } from '../client.js';
import { auditLog } from '../schema/index.js';

/** Who did it and through what: written on every assessment transition. */
export interface AuditActor {
  userId: number | null;
  /** 'feishu' | 'dingtalk' | 'sandbox' | 'admin-api' | 'job' */
  source: string;
  now: number;
}

export type AssessmentEntity = 'assessment' | 'assessment_result' | 'assessment_appeal';

/**
 * Appends one audit row. `after` (or `before`) carries the periodKey, so the audit API can filter a
 * period without joining every entity table. Must run inside the caller's transaction.
 */
export function writeAudit(db: Db, actor: AuditActor, action: string, entity: AssessmentEntity, entityId: number, before: unknown, after: unknown): void {
  db.insert(auditLog).values({ at: actor.now, actorUserId: actor.userId, source: actor.source, action, entity, entityId: String(entityId), before, after }).run();
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  periodKey?: string;
  /** Rows this person did, or that are about them (the userId of the snapshot). */
  personUserId?: number;
  /** Leave out rows without an acting person (seed, CLI imports, jobs). */
  withoutSystem?: boolean;
  newestFirst?: boolean;
  limit?: number;
}

/** The audit log, oldest first (the order things happened in) unless asked for the newest first. Read-only: nothing updates or deletes it. */
export function listAudit(db: Db, query: AuditQuery) {
  return onConnection(db, () => {
    const filters: SQL[] = [];
    if (query.entity) filters.push(eq(auditLog.entity, query.entity));
    if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
    if (query.personUserId !== undefined) {
      const id = query.personUserId;
      filters.push(or(eq(auditLog.actorUserId, id), sql`json_extract(${auditLog.after}, '$.userId') = ${id}`, sql`json_extract(${auditLog.before}, '$.userId') = ${id}`) as SQL);
    }
    if (query.withoutSystem) filters.push(isNotNull(auditLog.actorUserId));
    if (query.periodKey) filters.push(sql`coalesce(json_extract(${auditLog.after}, '$.periodKey'), json_extract(${auditLog.before}, '$.periodKey')) = ${query.periodKey}`);
    return db
      .select()
      .from(auditLog)
      .where(filters.length > 0 ? and(...filters) : undefined)
      .orderBy(query.newestFirst ? desc(auditLog.id) : asc(auditLog.id))
      .limit(query.limit ?? 1000)
      .all();
  });
}
