import type Database from 'better-sqlite3';
import type pg from 'pg';
import { problem, ProblemError } from '../domain/problem.js';

/** What a copy reads and writes per table, found from both databases (nothing here knows the app's schema). */
export interface CopyColumn {
  name: string;
  /** information_schema.columns.data_type on the pg side ('boolean', 'jsonb', 'bigint', …). */
  pgType: string;
}

export interface CopyTable {
  name: string;
  columns: CopyColumn[];
  /** Columns whose name ends in _fen: their sums must match after the copy. */
  moneyColumns: string[];
  /** An identity or serial column whose sequence is set to max() after the copy. */
  sequenceColumns: string[];
  /** Has an identity column: explicit ids need OVERRIDING SYSTEM VALUE (GENERATED ALWAYS refuses them otherwise). */
  identity: boolean;
}

export interface PgForeignKey {
  constraint: string;
  table: string;
  references: string;
}

export interface CopyPlan {
  /** Parents before children where the foreign keys allow it. */
  tables: CopyTable[];
  /** Keys pointing at a table copied later or at itself (a cycle): deferred to the end of the transaction. */
  deferredKeys: PgForeignKey[];
}

const SKIPPED = new Set(['__drizzle_migrations']);

export function sqliteTables(sqlite: Database.Database): string[] {
  const rows = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return rows.map((row) => row.name).filter((name) => !SKIPPED.has(name));
}

function sqliteColumns(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((row) => row.name);
}

interface PgColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_identity: string;
  column_default: string | null;
}

/** Tables of the public schema (drizzle's own bookkeeping lives in the drizzle schema). */
export async function pgColumns(client: pg.ClientBase): Promise<Map<string, PgColumnRow[]>> {
  const { rows } = await client.query<PgColumnRow>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity, c.column_default
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, PgColumnRow[]>();
  for (const row of rows) byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row]);
  return byTable;
}

async function pgForeignKeys(client: pg.ClientBase): Promise<PgForeignKey[]> {
  const { rows } = await client.query<PgForeignKey>(
    `SELECT con.conname AS constraint, child.relname AS table, parent.relname AS references
       FROM pg_constraint con
       JOIN pg_class child ON child.oid = con.conrelid
       JOIN pg_class parent ON parent.oid = con.confrelid
       JOIN pg_namespace ns ON ns.oid = child.relnamespace
      WHERE con.contype = 'f' AND ns.nspname = 'public'`,
  );
  return rows;
}

/** Parents first (depth-first on the keys); a cycle is cut where it closes, and that key is deferred. */
export function orderByForeignKeys(tables: string[], keys: PgForeignKey[]): { order: string[]; deferred: PgForeignKey[] } {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.get(table)) return;
    state.set(table, 'visiting');
    for (const key of keys) if (key.table === table && tables.includes(key.references) && key.references !== table) visit(key.references);
    state.set(table, 'done');
    order.push(table);
  };
  for (const table of tables) visit(table);
  const position = new Map(order.map((table, index) => [table, index]));
  const deferred = keys.filter((key) => position.has(key.table) && (position.get(key.references) ?? -1) >= (position.get(key.table) ?? 0));
  return { order, deferred };
}

/**
 * Matches the SQLite tables to the migrated pg schema. Every SQLite table and column must exist on the pg
 * side (a row or a value with nowhere to go is a refusal, before anything is written); pg-only columns keep
 * their defaults.
 */
export async function planCopy(sqlite: Database.Database, client: pg.ClientBase): Promise<CopyPlan> {
  const pgSide = await pgColumns(client);
  const tables: CopyTable[] = [];
  for (const name of sqliteTables(sqlite)) {
    const target = pgSide.get(name);
    if (!target) throw new ProblemError(problem('CONFLICT', 'dbCopy.missingTable', { table: name }));
    const columns = sqliteColumns(sqlite, name).map((column) => {
      const match = target.find((row) => row.column_name === column);
      if (!match) throw new ProblemError(problem('CONFLICT', 'dbCopy.missingColumn', { table: name, column }));
      return { name: column, pgType: match.data_type };
    });
    tables.push({
      name,
      columns,
      moneyColumns: columns.filter((column) => column.name.endsWith('_fen')).map((column) => column.name),
      identity: target.some((row) => row.is_identity === 'YES'),
      sequenceColumns: target.filter((row) => row.is_identity === 'YES' || (row.column_default ?? '').startsWith('nextval(')).map((row) => row.column_name),
    });
  }
  const { order, deferred } = orderByForeignKeys(
    tables.map((table) => table.name),
    await pgForeignKeys(client),
  );
  return { tables: order.map((name) => tables.find((table) => table.name === name) as CopyTable), deferredKeys: deferred };
}

/**
 * One SQLite value as the pg column wants it: 0/1 to a boolean, epoch ms to a timestamp, JSON text as is
 * (pg parses it into json/jsonb and refuses it when malformed). Integers arrive as BigInt (safeIntegers), so
 * nothing is rounded on the way.
 */
export function toPgValue(value: unknown, pgType: string): unknown {
  if (value === null || value === undefined) return null;
  if (pgType === 'boolean' && (typeof value === 'bigint' || typeof value === 'number')) return value !== 0 && value !== 0n;
  if (pgType.startsWith('timestamp') && (typeof value === 'bigint' || typeof value === 'number')) return new Date(Number(value)).toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}
