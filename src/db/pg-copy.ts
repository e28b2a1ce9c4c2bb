import Database from 'better-sqlite3';
import type pg from 'pg';
import { problem, ProblemError } from '../domain/problem.js';
import { closePgDatabase, openPgDatabase, runPgMigrations } from './pg-client.js';
import { pgColumns, planCopy, toPgValue, type CopyPlan, type CopyTable } from './pg-copy-plan.js';

export interface CopyOptions {
  sqlitePath: string;
  pgUrl: string;
  /** Default: the project's migrations/pg. */
  migrationsFolder?: string;
  /** Rows per INSERT (fewer when a table is wide: pg takes at most 65,535 parameters). */
  batchRows?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface MoneyCheck {
  column: string;
  sqlite: string;
  pg: string;
}

export interface TableCheck {
  table: string;
  sqliteRows: number;
  pgRows: number;
  money: MoneyCheck[];
  ok: boolean;
}

export interface CopyReport {
  /** False: something differed, the pg transaction was rolled back and the target is as empty as before. */
  ok: boolean;
  rows: number;
  tables: TableCheck[];
}

const MAX_PARAMETERS = 65_535;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function refuseNonEmpty(client: pg.ClientBase): Promise<void> {
  const filled: string[] = [];
  for (const table of (await pgColumns(client)).keys()) {
    const { rows } = await client.query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS filled`);
    if (rows[0]?.filled) filled.push(table);
  }
  if (filled.length > 0) throw new ProblemError(problem('CONFLICT', 'dbCopy.notEmpty', { tables: filled.join(', ') }));
}

async function insertBatch(client: pg.ClientBase, table: CopyTable, rows: unknown[][]): Promise<void> {
  const width = table.columns.length;
  const values = rows.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  const override = table.identity ? ' OVERRIDING SYSTEM VALUE' : '';
  await client.query(`INSERT INTO ${quote(table.name)} (${table.columns.map((c) => quote(c.name)).join(', ')})${override} VALUES ${values}`, rows.flat());
}

async function copyTable(sqlite: Database.Database, client: pg.ClientBase, table: CopyTable, options: CopyOptions, progress: { done: number; total: number }): Promise<void> {
  const size = Math.max(1, Math.min(options.batchRows ?? 500, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const select = sqlite.prepare(`SELECT ${table.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(table.name)}`).raw(true).safeIntegers(true);
  let batch: unknown[][] = [];
  // The iterator keeps SQLite busy between awaits; nothing else uses this read-only connection meanwhile.
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    batch.push(row.map((value, i) => toPgValue(value, (table.columns[i] as { pgType: string }).pgType)));
    if (batch.length === size) {
      await insertBatch(client, table, batch);
      progress.done += batch.length;
      options.onProgress?.(progress.done, progress.total);
      batch = [];
    }
  }
  if (batch.length > 0) {
    await insertBatch(client, table, batch);
    progress.done += batch.length;
    options.onProgress?.(progress.done, progress.total);
  }
}

async function resetSequences(client: pg.ClientBase, table: CopyTable): Promise<void> {
  for (const column of table.sequenceColumns) {
    // The next id after the copied ones (1 when the table is empty): a new row never collides with a copied one.
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quote(column)}), 0) + 1, false) FROM ${quote(table.name)}`,
      [quote(table.name), column],
    );
  }
}

async function checkTable(sqlite: Database.Database, client: pg.ClientBase, table: CopyTable): Promise<TableCheck> {
  const sums = table.moneyColumns.map((column) => `SUM(${quote(column)})`);
  const fromSqlite = sqlite.prepare(`SELECT ${['COUNT(*)', ...sums].join(', ')} FROM ${quote(table.name)}`).raw(true).safeIntegers(true).get() as (bigint | null)[];
  const { rows } = await client.query<string[]>({
    text: `SELECT ${['COUNT(*)::text', ...sums.map((sum) => `${sum}::text`)].join(', ')} FROM ${quote(table.name)}`,
    rowMode: 'array',
  });
  const fromPg = rows[0] as (string | null)[];
  const money = table.moneyColumns.map((column, i) => ({ column, sqlite: String(fromSqlite[i + 1] ?? 0), pg: fromPg[i + 1] ?? '0' }));
  const sqliteRows = Number(fromSqlite[0]);
  const pgRows = Number(fromPg[0]);
  return { table: table.name, sqliteRows, pgRows, money, ok: sqliteRows === pgRows && money.every((m) => m.sqlite === m.pg) };
}

async function copyInTransaction(sqlite: Database.Database, client: pg.ClientBase, plan: CopyPlan, options: CopyOptions): Promise<CopyReport> {
  await refuseNonEmpty(client);
  // A cycle of keys (a department's leader, a user's department; a parent department) cannot be ordered
  // away: those keys are checked at the end of the copy instead of row by row, then made immediate again.
  for (const key of plan.deferredKeys) await client.query(`ALTER TABLE ${quote(key.table)} ALTER CONSTRAINT ${quote(key.constraint)} DEFERRABLE INITIALLY DEFERRED`);
  const counts = plan.tables.map((table) => Number((sqlite.prepare(`SELECT COUNT(*) FROM ${quote(table.name)}`).pluck().get() as number | bigint) ?? 0));
  const progress = { done: 0, total: counts.reduce((a, b) => a + b, 0) };
  options.onProgress?.(0, progress.total);
  for (const table of plan.tables) await copyTable(sqlite, client, table, options, progress);
  await client.query('SET CONSTRAINTS ALL IMMEDIATE');
  for (const key of plan.deferredKeys) await client.query(`ALTER TABLE ${quote(key.table)} ALTER CONSTRAINT ${quote(key.constraint)} NOT DEFERRABLE`);
  for (const table of plan.tables) await resetSequences(client, table);
  const tables: TableCheck[] = [];
  for (const table of plan.tables) tables.push(await checkTable(sqlite, client, table));
  return { ok: tables.every((check) => check.ok), rows: progress.total, tables };
}

/**
 * Copies a SQLite database into an empty PostgreSQL database: the pg migrations first, then every table in
 * one pg transaction, then per table the row count and every *_fen sum compared. Any difference (or error)
 * rolls the whole copy back. SQLite is read in one read transaction: one snapshot even if the service writes.
 */
export async function copySqliteToPg(options: CopyOptions): Promise<CopyReport> {
  const sqlite = new Database(options.sqlitePath, { readonly: true, fileMustExist: true });
  const db = openPgDatabase(options.pgUrl, {}, { poolSize: 1 });
  try {
    await runPgMigrations(db, options.migrationsFolder);
    const client = await db.$client.connect();
    try {
      sqlite.exec('BEGIN');
      const plan = await planCopy(sqlite, client);
      await client.query('BEGIN');
      try {
        const report = await copyInTransaction(sqlite, client, plan, options);
        await client.query(report.ok ? 'COMMIT' : 'ROLLBACK');
        return report;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
    sqlite.close();
    await closePgDatabase(db);
  }
}
