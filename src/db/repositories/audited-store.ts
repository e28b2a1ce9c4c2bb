import { eq, getTableColumns, sql, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import { hotQuery, tablesOf } from '../dialect.js';

/** Who is writing, through which channel, and when: recorded with every change. */
export interface WriteActor {
  userId: number | null;
  /** 'feishu' | 'dingtalk' | 'sandbox' | 'h5' | 'import' | ... */
  source: string;
  now: number;
}

// Every saved record writes an audit row and reads itself by id: those statements are prepared once per
// database (and per table), not built anew on each call.
const auditInserts = new WeakMap<Db, ReturnType<typeof hotQuery>>();
const getters = new WeakMap<Db, Map<object, ReturnType<typeof hotQuery>>>();

function auditInsert(db: Db) {
  let insert = auditInserts.get(db);
  if (!insert) {
    const { auditLog } = tablesOf(db);
    const p = sql.placeholder;
    insert = hotQuery(db, 'audit_log_insert', () =>
      db.insert(auditLog).values({ at: p('at'), actorUserId: p('actorUserId'), source: p('source'), action: p('action'), entity: p('entity'), entityId: p('entityId'), before: p('before'), after: p('after') }),
    );
    auditInserts.set(db, insert);
  }
  return insert;
}

export async function writeAudit(db: Db, actor: WriteActor, action: string, entity: string, entityId: number | string, before: unknown, after: unknown): Promise<void> {
  await auditInsert(db).run({ at: actor.now, actorUserId: actor.userId, source: actor.source, action, entity, entityId: String(entityId), before: before ?? null, after: after ?? null });
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
  let ofDb = getters.get(db);
  if (!ofDb) getters.set(db, (ofDb = new Map()));
  let byIdQuery = ofDb.get(table);
  if (!byIdQuery) {
    byIdQuery = hotQuery(db, `audited_${entity}_by_id`, () => db.select().from(table as SQLiteTable).where(eq(idColumn, sql.placeholder('id'))).limit(1));
    ofDb.set(table, byIdQuery);
  }
  const one = byIdQuery;
  const get = async (id: number): Promise<Row | undefined> => (await one.get({ id })) as Row | undefined;

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
