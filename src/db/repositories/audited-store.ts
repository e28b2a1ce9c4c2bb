import { eq, getTableColumns, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import { tablesOf } from '../dialect.js';

/** Who is writing, through which channel, and when: recorded with every change. */
export interface WriteActor {
  userId: number | null;
  /** 'feishu' | 'dingtalk' | 'sandbox' | 'h5' | 'import' | ... */
  source: string;
  now: number;
}

export async function writeAudit(db: Db, actor: WriteActor, action: string, entity: string, entityId: number | string, before: unknown, after: unknown): Promise<void> {
  const { auditLog } = tablesOf(db);
  await db
    .insert(auditLog)
    .values({ at: actor.now, actorUserId: actor.userId, source: actor.source, action, entity, entityId: String(entityId), before: before ?? null, after: after ?? null });
}

type TableWithId = SQLiteTable & { id: SQLiteColumn };

/**
 * Insert, update and delete on one table with an audit_log row for each (before/after). Callers
 * wrap several calls in inTransaction so a record and its audit land together or not at all.
 * `table` comes from tablesOf(db), so on PostgreSQL it is the pg table of the same name.
 */
export function createAuditedStore<T extends TableWithId>(db: Db, table: T, entity: string) {
  type Row = InferSelectModel<T>;
  type Insert = InferInsertModel<T>;
  const idColumn = getTableColumns(table).id as SQLiteColumn;
  const byId = (id: number) => eq(idColumn, id);
  const get = async (id: number): Promise<Row | undefined> => (await db.select().from(table as SQLiteTable).where(byId(id)).limit(1))[0] as Row | undefined;

  return {
    get,
    async insert(actor: WriteActor, values: Insert): Promise<Row> {
      const [row] = (await db.insert(table).values(values).returning()) as unknown as (Row & { id: number })[];
      await writeAudit(db, actor, `${entity}.create`, entity, row!.id, null, row);
      return row!;
    },
    async update(actor: WriteActor, id: number, patch: Partial<Insert>): Promise<Row | undefined> {
      const before = await get(id);
      if (!before) return undefined;
      await db.update(table).set(patch as never).where(byId(id));
      const after = await get(id);
      await writeAudit(db, actor, `${entity}.update`, entity, id, before, after);
      return after;
    },
    async remove(actor: WriteActor, id: number, action = 'delete'): Promise<Row | undefined> {
      const before = await get(id);
      if (!before) return undefined;
      await db.delete(table).where(byId(id));
      await writeAudit(db, actor, `${entity}.${action}`, entity, id, before, null);
      return before;
    },
  };
}
