import { getTableName, is, type Column, type Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * A table described the same way on both dialects, so that the SQLite and the PostgreSQL schema can be
 * compared with one toEqual. Types are compared "in spirit": what a value is, not how it is stored.
 */
export interface TableShape {
  name: string;
  columns: ColumnShape[];
  primaryKey: string[];
  indexes: { name: string; columns: string[]; unique: boolean; partial: boolean }[];
  uniqueConstraints: { name: string; columns: string[] }[];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[]; onDelete: string; onUpdate: string }[];
  checks: string[];
}

export interface ColumnShape {
  name: string;
  kind: Kind;
  notNull: boolean;
  /** An id the database hands out: SQLite AUTOINCREMENT, a PostgreSQL identity. */
  generatedId: boolean;
  default: unknown;
  enumValues: readonly string[] | null;
}

export type Kind = 'integer' | 'text' | 'json' | 'boolean' | 'real' | 'bytes';

/** The storage types each dialect may use for a kind (integer: epoch ms and fen are bigint on PostgreSQL). */
const KINDS: Record<'sqlite' | 'pg', Record<string, Kind>> = {
  sqlite: { SQLiteInteger: 'integer', SQLiteText: 'text', SQLiteTextJson: 'json', SQLiteBoolean: 'boolean', SQLiteReal: 'real', SQLiteBlobBuffer: 'bytes' },
  pg: { PgInteger: 'integer', PgBigInt53: 'integer', PgText: 'text', PgJsonb: 'json', PgBoolean: 'boolean', PgDoublePrecision: 'real', PgNumeric: 'real' },
};

function kindOf(dialect: 'sqlite' | 'pg', column: Column): Kind {
  if (dialect === 'pg' && column.columnType === 'PgCustomColumn') {
    const custom: Partial<Record<string, Kind>> = { bytea: 'bytes', jsonb: 'json' };
    const kind = custom[column.getSQLType()];
    if (kind) return kind;
  }
  const kind = KINDS[dialect][column.columnType];
  if (!kind) throw new Error(`${dialect} column ${column.name}: no kind for ${column.columnType} (${column.getSQLType()})`);
  return kind;
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

const names = (columns: readonly { name?: string }[]) => columns.map((c) => c.name ?? '<expression>');
const byName = <T extends { name: string }>(list: T[]) => list.sort((a, b) => a.name.localeCompare(b.name));

export function tableShape(table: Table): TableShape {
  const dialect = is(table, PgTable) ? 'pg' : is(table, SQLiteTable) ? 'sqlite' : null;
  if (!dialect) throw new Error(`${getTableName(table)}: neither a SQLite nor a PostgreSQL table`);
  const config: AnyConfig = dialect === 'pg' ? pgConfig(table as PgTable) : sqliteConfig(table as SQLiteTable);
  const singlePk = config.columns.filter((c) => c.primary).map((c) => c.name);
  return {
    name: config.name,
    columns: byName(
      (config.columns as Column[]).map((c) => ({
        name: c.name,
        kind: kindOf(dialect, c),
        notNull: c.notNull,
        generatedId: dialect === 'pg' ? c.generatedIdentity !== undefined : (c as Column & { autoIncrement?: boolean }).autoIncrement === true,
        default: c.default,
        enumValues: c.enumValues ?? null,
      })),
    ),
    primaryKey: singlePk.length > 0 ? singlePk : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []),
    indexes: byName(
      config.indexes.map((i) => ({ name: i.config.name ?? '', columns: names(i.config.columns as { name?: string }[]), unique: i.config.unique, partial: i.config.where !== undefined })),
    ),
    uniqueConstraints: byName(config.uniqueConstraints.map((u) => ({ name: u.name ?? '', columns: names(u.columns) }))),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return {
          columns: names(ref.columns),
          table: getTableName(ref.foreignTable),
          foreignColumns: names(ref.foreignColumns),
          // SQLite leaves an unset action undefined, pg-core says 'no action': the same rule.
          onDelete: fk.onDelete ?? 'no action',
          onUpdate: fk.onUpdate ?? 'no action',
        };
      })
      .sort((a, b) => `${a.columns.join()}>${a.table}`.localeCompare(`${b.columns.join()}>${b.table}`)),
    checks: config.checks.map((c) => c.name).sort(),
  };
}

/** Every table a schema module exports, by table name. */
export function tablesOf(schema: Record<string, unknown>): Map<string, Table> {
  const tables = Object.values(schema).filter((v): v is Table => is(v, SQLiteTable) || is(v, PgTable));
  return new Map(tables.map((t) => [getTableName(t), t]));
}

/** Every name PostgreSQL will hold for a table's constraints and indexes (it cuts identifiers at 63 bytes). */
export function pgIdentifiers(table: PgTable): string[] {
  const config = pgConfig(table);
  return [
    config.name,
    ...config.columns.map((c) => c.name),
    ...config.indexes.map((i) => i.config.name ?? ''),
    ...config.foreignKeys.map((fk) => fk.getName()),
    ...config.primaryKeys.map((pk) => pk.getName()),
    ...config.uniqueConstraints.map((u) => u.getName() ?? ''),
  ];
}

/** Each column's PostgreSQL type, by column name. */
export function pgSqlTypes(table: PgTable): Record<string, string> {
  return Object.fromEntries(pgConfig(table).columns.map((c) => [c.name, c.getSQLType()]));
}
