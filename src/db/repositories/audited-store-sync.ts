import { eq, getTableColumns, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import { auditLog } from '../schema/index.js';
import type { WriteActor } from './audited-store.js';

/*
 * TRANSITIONAL (issue 21, part two): the synchronous SQLite-only audited store, for the repositories
 * not yet on the dialect layer (customer-*, org-directory, completeness). audited-store.ts is the
 * converted one; delete this file once no repository imports it.
 */

export function writeAuditSync(db: Db, actor: WriteActor, action: string, entity: string, entityId: number | string, before: unknown, after: unknown): void {
  db.insert(auditLog)
    .values({ at: actor.now, actorUserId: actor.userId, source: actor.source, action, entity, entityId: String(entityId), before: before ?? null, after: after ?? null })
    .run();
}

type TableWithId = SQLiteTable & { id: SQLiteColumn };

/**
 * Insert, update and delete on one table with an audit_log row for each (before/after). Callers
 * wrap several calls in inTransaction so a record and its audit land together or not at all.
 */
export function createSyncAuditedStore<T extends TableWithId>(db: Db, table: T, entity: string) {
  type Row = InferSelectModel<T>;
  type Insert = InferInsertModel<T>;
  const idColumn = getTableColumns(table).id as SQLiteColumn;
  const byId = (id: number) => eq(idColumn, id);
  const get = (id: number): Row | undefined => db.select().from(table as SQLiteTable).where(byId(id)).get() as Row | undefined;

  return {
    get,
    insert(actor: WriteActor, values: Insert): Row {
      const row = db.insert(table).values(values).returning().get() as unknown as Row & { id: number };
      writeAuditSync(db, actor, `${entity}.create`, entity, row.id, null, row);
      return row;
    },
    update(actor: WriteActor, id: number, patch: Partial<Insert>): Row | undefined {
      const before = get(id);
      if (!before) return undefined;
      db.update(table).set(patch as never).where(byId(id)).run();
      const after = get(id);
      writeAuditSync(db, actor, `${entity}.update`, entity, id, before, after);
      return after;
    },
    remove(actor: WriteActor, id: number, action = 'delete'): Row | undefined {
      const before = get(id);
      if (!before) return undefined;
      db.delete(table).where(byId(id)).run();
      writeAuditSync(db, actor, `${entity}.${action}`, entity, id, before, null);
      return before;
    },
  };
}
