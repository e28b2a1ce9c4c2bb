import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.js';
import { cachingClient } from './statement-cache.js';
import { asyncMethods, inAsyncTransaction, withConnection, type AsyncMethods } from './connection-lock.js';
import { inPgTransaction, isPg } from './dialect.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** migrations/sqlite/ at the project root, found from here whether running from src/ (tsx) or dist/src/ (built). */
function findMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = resolve(dir, 'migrations', 'sqlite');
    if (existsSync(resolve(candidate, 'meta/_journal.json'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('migrations/sqlite/ folder not found');
}

export const MIGRATIONS_DIR = findMigrationsDir();

/**
 * Opens (creating if needed) the SQLite database and owns its pragmas:
 * WAL so readers never block the writer, foreign keys on, and a busy timeout so a second process
 * (a CLI run next to the service) waits instead of failing.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema }) as Db;
  // Drizzle's queries reuse their compiled statements (see statement-cache.ts); $client stays the plain connection.
  (db as unknown as { session: { client: Database.Database } }).session.client = cachingClient(sqlite);
  return db;
}

export function runMigrations(db: Db, migrationsFolder = MIGRATIONS_DIR): void {
  migrate(db, { migrationsFolder });
}

interface Journal {
  entries: { tag: string; when: number }[];
}

/** True when every migration shipped in migrations/sqlite/ has been applied to this database. */
export function migrationsApplied(db: Db, migrationsFolder = MIGRATIONS_DIR): boolean {
  // PostgreSQL is opened by openPgAppDatabase, which applies migrations/pg before it returns.
  if (isPg(db)) return true;
  const journal = JSON.parse(readFileSync(resolve(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
  const hasTable = db.$client
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return journal.entries.length === 0;
  const row = db.$client.prepare('SELECT COUNT(*) AS n, MAX(created_at) AS last FROM __drizzle_migrations').get() as {
    n: number;
    last: number | null;
  };
  const newest = journal.entries.at(-1);
  return row.n >= journal.entries.length && (newest === undefined || (row.last ?? 0) >= newest.when);
}

/**
 * Runs fn in one transaction: BEGIN IMMEDIATE … COMMIT, or ROLLBACK when fn throws, under the
 * connection's async lock (see connection-lock.ts), so fn may await and no other caller's statements
 * land inside it. IMMEDIATE takes SQLite's write lock at BEGIN, so a read-then-write (a claim, a
 * compare-and-set) cannot interleave with another process's writer either. The one way code outside
 * src/db opens a transaction.
 */
export function inTransaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  if (isPg(db)) return inPgTransaction(db, fn);
  return inAsyncTransaction(db.$client, fn);
}

/** Runs a repository's statements when it is this caller's turn on the connection (PostgreSQL: a pool, no turns). */
export function onConnection<T>(db: Db, work: () => T | Promise<T>): Promise<Awaited<T>> {
  if (isPg(db)) return Promise.resolve().then(work) as Promise<Awaited<T>>;
  return withConnection(db.$client, work);
}

/** Like onConnection, but ahead of the transactions already waiting for the connection (see withConnection's `first`). */
export function onConnectionFirst<T>(db: Db, work: () => T | Promise<T>): Promise<Awaited<T>> {
  if (isPg(db)) return Promise.resolve().then(work) as Promise<Awaited<T>>;
  return withConnection(db.$client, work, { first: true });
}

/**
 * A repository: every method made async, and on SQLite run behind the connection lock (held until an
 * async method settles). On PostgreSQL the pool and the transaction proxy (dialect.ts) need no lock.
 */
export function asyncRepository<T extends object>(db: Db, methods: T): AsyncMethods<T> {
  if (isPg(db)) {
    const wrapped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(methods)) {
      wrapped[key] = typeof value === 'function' ? async (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(methods, args) : value;
    }
    return wrapped as AsyncMethods<T>;
  }
  return asyncMethods(db.$client, methods);
}

/**
 * Synchronous better-sqlite3 transaction for src/db only: several statements of one repository
 * method, which already runs under the connection lock (a SAVEPOINT when a feature's transaction is
 * open). Never await inside it.
 */
export function inSyncTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn)();
}

/** The same with BEGIN IMMEDIATE (a plain SAVEPOINT inside an open transaction). */
export function inSyncImmediateTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/** A trivial query: throws when the database cannot be read (readiness probe). */
export async function pingDatabase(db: Db): Promise<void> {
  if (isPg(db)) {
    await (db.$client as unknown as { query(text: string): Promise<unknown> }).query('SELECT 1');
    return;
  }
  await withConnection(db.$client, () => {
    db.$client.prepare('SELECT 1').get();
  });
}

/** Closes the connection (server stop, end of a CLI run). */
export function closeDatabase(db: Db): void {
  db.$client.close();
}

/**
 * Opens the app's PostgreSQL database (`DATABASE_URL`) as a `Db`: the pool behind Drizzle's pg dialect
 * with the pg schema, migrations/pg applied. pg and the pg schema load only here, so a SQLite
 * deployment never loads them.
 */
export async function openPgAppDatabase(url: string, options: { poolSize?: number; migrate?: boolean; onIdleError?: (error: Error) => void } = {}): Promise<Db> {
  const [{ openPgDatabase, runPgMigrations }, pgTables, { pgAppDatabase }] = await Promise.all([import('./pg-client.js'), import('./schema-pg/index.js'), import('./dialect.js')]);
  const pg = openPgDatabase(url, pgTables, { ...(options.poolSize ? { poolSize: options.poolSize } : {}), ...(options.onIdleError ? { onIdleError: options.onIdleError } : {}) });
  if (options.migrate !== false) await runPgMigrations(pg as never);
  return pgAppDatabase(pg, pgTables);
}

/** Closes either database: the SQLite connection, or the PostgreSQL pool (waits for its clients). */
export async function closeAppDatabase(db: Db): Promise<void> {
  if (isPg(db)) await (db.$client as unknown as { end(): Promise<void> }).end();
  else db.$client.close();
}

/**
 * The app's database as configured: PostgreSQL when a URL is set (migrations/pg applied), else the SQLite
 * file (migrations/sqlite applied). The service and the CLI both open it here, so a deployment on
 * PostgreSQL never finds its CLI writing to a stray SQLite file.
 */
export async function openConfiguredDatabase(
  config: { databasePath: string; database: { url: string | undefined; poolSize: number } },
  onIdleError?: (error: Error) => void,
): Promise<Db> {
  if (config.database.url) return openPgAppDatabase(config.database.url, { poolSize: config.database.poolSize, ...(onIdleError ? { onIdleError } : {}) });
  const db = openDatabase(config.databasePath);
  runMigrations(db);
  return db;
}
