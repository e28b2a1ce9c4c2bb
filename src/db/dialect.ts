import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL } from 'drizzle-orm';
import * as sqliteTables from './schema/index.js';
import type { Db } from './client.js';

/*
 * One set of repositories runs on SQLite (better-sqlite3, the embedded default) and PostgreSQL (node-postgres
 * pool). Repositories write their queries once, against the SQLite-typed `Db` and the tables `tablesOf(db)`
 * gives them: on PostgreSQL that is the pg-core schema of the same names and columns (schema-parity.test.ts
 * keeps the two equal), so the builder methods both dialects share (select/insert/update/delete, where,
 * onConflict…, returning, await) build that dialect's SQL. What differs goes through the helpers here:
 * affected-row counts, raw SQL reads, statements prepared once, and the odd function with two spellings.
 */

const PG_MARK = Symbol.for('sales-kpi-bot.pg');
const PG_TABLES = Symbol.for('sales-kpi-bot.pg-tables');
const PG_BASE = Symbol.for('sales-kpi-bot.pg-base');

export type Tables = typeof sqliteTables;

/** True when this database is PostgreSQL. */
export function isPg(db: Db): boolean {
  return (db as unknown as Record<symbol, unknown>)[PG_MARK] === true;
}

/** The tables to build queries with: the SQLite schema, or the pg-core schema of the same names. */
export function tablesOf(db: Db): Tables {
  return ((db as unknown as Record<symbol, unknown>)[PG_TABLES] as Tables | undefined) ?? sqliteTables;
}

/** One of two spellings of a fragment (a JSON path, a date function) for this database. */
export function dialectSql(db: Db, spellings: { sqlite: SQL; pg: SQL }): SQL {
  return isPg(db) ? spellings.pg : spellings.sqlite;
}

/**
 * A select that locks the rows it reads until the transaction ends: `FOR UPDATE [SKIP LOCKED]` on
 * PostgreSQL (other transactions wait, or skip them); on SQLite the query unchanged, since the
 * transaction around it (BEGIN IMMEDIATE) already holds the one write lock.
 */
export function lockedForUpdate<Q>(db: Db, query: Q, options: { skipLocked?: boolean } = {}): Q {
  if (!isPg(db)) return query;
  return (query as unknown as { for(strength: 'update', config?: { skipLocked?: boolean }): Q }).for('update', options.skipLocked ? { skipLocked: true } : undefined);
}

/** Rows an INSERT/UPDATE/DELETE touched, from either driver's result (`changes` / `rowCount`). */
export function affected(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

/** A raw SQL read: its rows (column names as written in the SQL). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (isPg(db)) return ((await (db as unknown as { execute(q: SQL): Promise<{ rows: T[] }> }).execute(query)).rows);
  return db.all<T>(query);
}

/** SQL written with SQLite's `@name` parameters, as a drizzle query with those values bound (pg's `$n`). */
export function namedSql(text: string, params: Record<string, unknown>): SQL {
  return sql.join(text.split(/@(\w+)/).map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[part] ?? null}`)));
}

/** A raw SQL statement that reads nothing: how many rows it touched. */
export async function executeSql(db: Db, query: SQL): Promise<number> {
  if (isPg(db)) return affected(await (db as unknown as { execute(q: SQL): Promise<unknown> }).execute(query));
  return affected(db.run(query));
}

interface SqlitePrepared {
  all(params?: Record<string, unknown>): unknown[];
  get(params?: Record<string, unknown>): unknown;
  run(params?: Record<string, unknown>): { changes: number };
}

interface PgPrepared {
  execute(params?: Record<string, unknown>): Promise<unknown>;
}

/**
 * A statement every request runs, built with `sql.placeholder(...)` values: prepared once on SQLite
 * (drizzle builds a query anew on each call otherwise); on PostgreSQL a named prepared statement,
 * built per call on the connection of the caller's transaction (node-postgres parses a name once per
 * connection). `name` must be unique to the statement.
 */
export function hotQuery<R = unknown>(db: Db, name: string, build: () => unknown) {
  let prepared: SqlitePrepared | undefined;
  const sqlite = () => (prepared ??= (build() as { prepare(): SqlitePrepared }).prepare());
  const pg = (params?: Record<string, unknown>) => (build() as { prepare(name: string): PgPrepared }).prepare(name).execute(params);
  return {
    async all(params?: Record<string, unknown>): Promise<R[]> {
      return (isPg(db) ? await pg(params) : sqlite().all(params)) as R[];
    },
    async get(params?: Record<string, unknown>): Promise<R | undefined> {
      return (isPg(db) ? ((await pg(params)) as R[])[0] : sqlite().get(params)) as R | undefined;
    },
    /** Rows touched. */
    async run(params?: Record<string, unknown>): Promise<number> {
      return isPg(db) ? affected(await pg(params)) : sqlite().run(params).changes;
    },
  };
}

/* PostgreSQL: the app's `Db` is a proxy over the pool's drizzle database that sends each query to the
 * transaction the calling async context is inside (AsyncLocalStorage), or to the pool outside one. */

interface PgHeld {
  base: object;
  tx: object;
  open: boolean;
  parent: PgHeld | undefined;
}

const pgContext = new AsyncLocalStorage<PgHeld>();

function pgHeldFor(base: object): PgHeld | undefined {
  for (let held = pgContext.getStore(); held; held = held.parent) if (held.base === base && held.open) return held;
  return undefined;
}

/** Wraps a pg-core drizzle database (built with the pg schema) as the app's `Db`. */
export function pgAppDatabase(base: object, pgTables: object): Db {
  return new Proxy(base, {
    get(target, property) {
      if (property === PG_MARK) return true;
      if (property === PG_TABLES) return pgTables;
      if (property === PG_BASE) return target;
      if (property === '$client') return Reflect.get(target, property);
      const current = pgHeldFor(target)?.tx ?? target;
      const value = Reflect.get(current, property) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  }) as unknown as Db;
}

type PgTransactional = { transaction<T>(fn: (tx: object) => Promise<T>): Promise<T> };

/**
 * fn in one transaction on PostgreSQL: a pooled connection's BEGIN … COMMIT, or a SAVEPOINT inside the
 * caller's open transaction (the SQLite side's nesting, connection-lock.ts). fn's queries reach the
 * transaction through the proxy, however deep in repositories they run.
 */
export async function inPgTransaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  const base = (db as unknown as Record<symbol, object>)[PG_BASE] as object;
  const outer = pgHeldFor(base);
  const owner = (outer?.tx ?? base) as PgTransactional;
  return owner.transaction(async (tx) => {
    const held: PgHeld = { base, tx, open: true, parent: pgContext.getStore() };
    try {
      return await pgContext.run(held, fn);
    } finally {
      held.open = false;
    }
  });
}
