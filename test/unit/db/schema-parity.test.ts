import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { getTableName } from 'drizzle-orm';
import { integer as pgInteger, pgTable, text as pgText, index as pgIndex, bigint, type PgTable } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from '../../../src/db/schema/index.js';
import * as pgSchema from '../../../src/db/schema-pg/index.js';
import { pgIdentifiers, pgSqlTypes, tableShape, tablesOf } from '../../helpers/schema-shape.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const sqliteTables = tablesOf(sqliteSchema);
const pgTables = tablesOf(pgSchema);

describe('the SQLite and the PostgreSQL schema state the same database', () => {
  it('export the same names and the same tables', () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(sqliteTables.size).toBeGreaterThan(50);
  });

  it.each([...sqliteTables.keys()].sort())('%s: columns, kinds, nullability, defaults, keys, indexes and foreign keys', (name) => {
    const pg = pgTables.get(name);
    expect(pg, `${name} is missing from src/db/schema-pg`).toBeDefined();
    expect(tableShape(pg!)).toEqual(tableShape(sqliteTables.get(name)!));
  });

  it('holds instants (epoch ms) and money (fen) in bigint on PostgreSQL: they pass 2^31', () => {
    const narrow = [...pgTables.values()]
      .flatMap((table) => Object.entries(pgSqlTypes(table as PgTable)).map(([column, sql]) => ({ table: getTableName(table), column, sql })))
      .filter((c) => /_(at|ms|fen)$/.test(c.column) && c.sql !== 'bigint');
    expect(narrow).toEqual([]);
  });

  it('names nothing longer than PostgreSQL keeps (63 bytes)', () => {
    const long = [...pgTables.values()].flatMap((t) => pgIdentifiers(t as PgTable)).filter((n) => Buffer.byteLength(n) > 63);
    expect(long).toEqual([]);
  });
});

describe('the comparison finds drift', () => {
  // A small pair of tables, alike; each variant below takes one thing away on the PostgreSQL side.
  const parent = sqliteTable('parent', { id: integer('id').primaryKey({ autoIncrement: true }) });
  const pgParent = pgTable('parent', { id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity() });
  const lite = sqliteTable(
    'child',
    {
      id: integer('id').primaryKey({ autoIncrement: true }),
      parentId: integer('parent_id')
        .notNull()
        .references(() => parent.id, { onDelete: 'cascade' }),
      at: integer('at', { mode: 'number' }).notNull(),
      note: text('note'),
    },
    (t) => [index('child_parent_idx').on(t.parentId, t.at)],
  );
  type Variant = { column?: boolean; index?: boolean; fk?: boolean; cascade?: boolean; nullable?: boolean; textAt?: boolean };
  const pgChild = (v: Variant = {}) =>
    pgTable(
      'child',
      {
        id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity(),
        parentId: v.fk === false ? pgInteger('parent_id').notNull() : pgInteger('parent_id').notNull().references(() => pgParent.id, v.cascade === false ? {} : { onDelete: 'cascade' }),
        at: v.textAt ? pgText('at').notNull() : v.nullable ? bigint('at', { mode: 'number' }) : bigint('at', { mode: 'number' }).notNull(),
        ...(v.column === false ? {} : { note: pgText('note') }),
      },
      (t) => (v.index === false ? [] : [pgIndex('child_parent_idx').on(t.parentId, t.at)]),
    );

  it('sees the twin tables as equal', () => {
    expect(tableShape(pgChild())).toEqual(tableShape(lite));
  });

  it.each<[string, Variant]>([
    ['a missing column', { column: false }],
    ['a missing index', { index: false }],
    ['a missing foreign key', { fk: false }],
    ['another onDelete', { cascade: false }],
    ['another nullability', { nullable: true }],
    ['another kind of value', { textAt: true }],
  ])('tells %s', (_what, variant) => {
    expect(tableShape(pgChild(variant))).not.toEqual(tableShape(lite));
  });
});

const execFileAsync = promisify(execFile);

/** `CREATE TRIGGER … BEFORE|AFTER <event> ON <table>` of every migration in a folder, as "table event". */
function triggers(folder: string): string[] {
  const dir = join(ROOT, 'migrations', folder);
  const sql = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  return [...sql.matchAll(/CREATE TRIGGER\s+\S+\s+(?:BEFORE|AFTER)\s+(\w+)\s+ON\s+[`"]?(\w+)/gi)].map((m) => `${m[2]} ${m[1]!.toUpperCase()}`);
}

describe('the migrations', () => {
  it('enforce on PostgreSQL every trigger SQLite has (the append-only audit log)', () => {
    const sqlite = triggers('sqlite');
    expect(sqlite).toEqual(expect.arrayContaining(['audit_log UPDATE', 'audit_log DELETE']));
    expect(triggers('pg')).toEqual(expect.arrayContaining(sqlite));
  });

  // drizzle-kit itself compares each schema with its folder's last snapshot: a schema edited without
  // `npm run db:generate` (or generated for one dialect only) would make it write a migration here.
  it.each([
    ['sqlite', 'sqlite', 'src/db/schema/index.ts'],
    ['pg', 'postgresql', 'src/db/schema-pg/index.ts'],
  ])('migrations/%s is in step with its schema', async (folder, dialect, schema) => {
    const tmp = mkdtempSync(join(tmpdir(), 'skb-migrations-'));
    try {
      const copy = join(tmp, folder);
      cpSync(join(ROOT, 'migrations', folder), copy, { recursive: true });
      const before = readdirSync(copy, { recursive: true }).sort();
      // drizzle-kit prefixes --out with "./", so it is given relative to the project.
      const { stdout } = await execFileAsync(process.execPath, [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--dialect', dialect, '--schema', schema, '--out', relative(ROOT, copy)], { cwd: ROOT });
      expect(stdout).toContain('No schema changes');
      expect(readdirSync(copy, { recursive: true }).sort()).toEqual(before);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
