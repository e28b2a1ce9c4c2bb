import { asc, type InferSelectModel } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../src/db/client.js';
import { tablesOf, type Tables } from '../../src/db/dialect.js';

/** The tables with an `id` column: the ones whose rows have an insertion order to read them in. */
type TableWithId = { [K in keyof Tables]: Tables[K] extends SQLiteTable & { id: AnySQLiteColumn } ? K : never }[keyof Tables];

/**
 * Every row of one table of this database (SQLite or PostgreSQL), in id order: PostgreSQL returns
 * rows in no particular order without ORDER BY, SQLite usually in insertion order.
 */
export async function rowsInIdOrder<K extends TableWithId>(db: Db, name: K): Promise<InferSelectModel<Tables[K]>[]> {
  const table = tablesOf(db)[name] as SQLiteTable & { id: AnySQLiteColumn };
  return (await db.select().from(table).orderBy(asc(table.id))) as InferSelectModel<Tables[K]>[];
}
