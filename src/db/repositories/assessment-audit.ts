import { and, asc, desc, eq, isNotNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { onConnection, type Db } from '../client.js';
import { dialectSql, isPg, tablesOf } from '../dialect.js';

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
export async function writeAudit(db: Db, actor: AuditActor, action: string, entity: AssessmentEntity, entityId: number, before: unknown, after: unknown): Promise<void> {
  const { auditLog } = tablesOf(db);
  await db.insert(auditLog).values({ at: actor.now, actorUserId: actor.userId, source: actor.source, action, entity, entityId: String(entityId), before, after });
}

/** A key of a JSON snapshot column: SQLite's json_extract gives the value as stored, pg's ->> gives it as text. */
function snapshotKey(db: Db, column: SQLWrapper, key: 'userId' | 'periodKey'): SQL {
  return dialectSql(db, { sqlite: sql`json_extract(${column}, ${sql.raw(`'$.${key}'`)})`, pg: sql`(${column} ->> ${sql.raw(`'${key}'`)})` });
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
  const { auditLog } = tablesOf(db);
  return onConnection(db, async () => {
    const filters: SQL[] = [];
    if (query.entity) filters.push(eq(auditLog.entity, query.entity));
    if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
    if (query.personUserId !== undefined) {
      const id = query.personUserId;
      // pg's ->> gives text: compare with the id as text there; SQLite's json_extract gives the number.
      const asStored = isPg(db) ? String(id) : id;
      filters.push(or(eq(auditLog.actorUserId, id), sql`${snapshotKey(db, auditLog.after, 'userId')} = ${asStored}`, sql`${snapshotKey(db, auditLog.before, 'userId')} = ${asStored}`) as SQL);
    }
    if (query.withoutSystem) filters.push(isNotNull(auditLog.actorUserId));
    if (query.periodKey) filters.push(sql`coalesce(${snapshotKey(db, auditLog.after, 'periodKey')}, ${snapshotKey(db, auditLog.before, 'periodKey')}) = ${query.periodKey}`);
    return await db
      .select()
      .from(auditLog)
      .where(filters.length > 0 ? and(...filters) : undefined)
      .orderBy(query.newestFirst ? desc(auditLog.id) : asc(auditLog.id))
      .limit(query.limit ?? 1000);
  });
}
