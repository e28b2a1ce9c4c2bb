import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runDbCopy, type CliOutput } from '../../src/cli/db-copy-command.js';
import { loadConfig } from '../../src/config.js';
import { isProblemError } from '../../src/domain/problem.js';
import { closePgDatabase, openPgDatabase, runPgMigrations } from '../../src/db/pg-client.js';
import { copySqliteToPg } from '../../src/db/pg-copy.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { BIG_FEN, FIXTURE_PG_MIGRATIONS, PAID_AT, writeSqliteFixture } from './copy-fixture.js';

let dir: string;
let sqlitePath: string;
let databases = 0;

/** A new empty database in the run's cluster (one per case: a copy needs an empty target). */
const freshDatabase = () => createPgDatabase(inject('pgClusterUrl'), `db_copy_${(databases += 1)}`);

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const tableCounts = async (url: string) =>
  (await query<{ n: string }>(url, 'SELECT (SELECT count(*) FROM departments) + (SELECT count(*) FROM users) + (SELECT count(*) FROM payments) AS n'))[0]?.n;

/** The target already migrated, with a trigger that makes pg store something other than what was sent. */
async function migratedWithTrigger(body: string, timing: 'BEFORE' | 'AFTER'): Promise<string> {
  const url = await freshDatabase();
  const db = openPgDatabase(url, {});
  try {
    await runPgMigrations(db, FIXTURE_PG_MIGRATIONS);
    await db.$client.query(`CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} END $$`);
    await db.$client.query(`CREATE TRIGGER tamper ${timing} INSERT ON payments FOR EACH ROW EXECUTE FUNCTION tamper()`);
  } finally {
    await closePgDatabase(db);
  }
  return url;
}

describe('db copy: SQLite into an empty PostgreSQL database', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skb-copy-'));
    sqlitePath = join(dir, 'sales-kpi.db');
    writeSqliteFixture(sqlitePath);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies every table with booleans, JSON, timestamps and bigint money, resets the ids and reports matching checks', async () => {
    const url = await freshDatabase();
    const progress: [number, number][] = [];
    const report = await copySqliteToPg({ sqlitePath, pgUrl: url, migrationsFolder: FIXTURE_PG_MIGRATIONS, batchRows: 2, onProgress: (done, total) => progress.push([done, total]) });

    expect(report.ok).toBe(true);
    expect(report.rows).toBe(7);
    // users and departments point at each other (one key deferred); payments come after both.
    expect(report.tables.map((check) => [check.table, check.sqliteRows, check.pgRows, check.ok])).toEqual([
      ['users', 2, 2, true],
      ['departments', 2, 2, true],
      ['payments', 3, 3, true],
    ]);
    const total = String(12_345 + BIG_FEN + 99);
    expect(report.tables[2]?.money).toEqual([
      { column: 'amount_fen', sqlite: total, pg: total },
      { column: 'refund_fen', sqlite: '500', pg: '500' },
    ]);
    expect(progress.at(-1)).toEqual([7, 7]);

    const db = openPgDatabase(url, {});
    try {
      const payments = await db.$client.query('SELECT id, user_id, amount_fen, detail, confirmed, paid_at, note FROM payments ORDER BY id');
      expect(payments.rows).toEqual([
        { id: 1, user_id: 10, amount_fen: 12_345, detail: { invoice: 'FP-001', lines: [1, 2] }, confirmed: true, paid_at: new Date(PAID_AT), note: '' },
        { id: 2, user_id: 11, amount_fen: BIG_FEN, detail: null, confirmed: false, paid_at: null, note: '' },
        { id: 7, user_id: 10, amount_fen: 99, detail: '备注', confirmed: true, paid_at: new Date(PAID_AT + 1), note: '' },
      ]);
      expect((await db.$client.query('SELECT id, active FROM users ORDER BY id')).rows).toEqual([
        { id: 10, active: true },
        { id: 11, active: false },
      ]);
      // The next id follows the copied ones, on an identity (ALWAYS and BY DEFAULT) and on a serial column.
      const next = await db.$client.query(`
        WITH d AS (INSERT INTO departments (name) VALUES ('新部门') RETURNING id),
             u AS (INSERT INTO users (name, created_at) VALUES ('王五', 1) RETURNING id),
             p AS (INSERT INTO payments (user_id, amount_fen) VALUES (10, 1) RETURNING id)
        SELECT (SELECT id FROM d) AS d, (SELECT id FROM u) AS u, (SELECT id FROM p) AS p`);
      expect(next.rows[0]).toEqual({ d: 3, u: 12, p: 8 });
      // The cycle's keys were deferred only for the copy: they are immediate again.
      const deferrable = await db.$client.query("SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND condeferrable");
      expect(deferrable.rows[0]).toEqual({ n: 0 });
    } finally {
      await closePgDatabase(db);
    }
  });

  it('refuses a target that already has rows, and leaves them as they were', async () => {
    const url = await freshDatabase();
    expect((await copySqliteToPg({ sqlitePath, pgUrl: url, migrationsFolder: FIXTURE_PG_MIGRATIONS })).ok).toBe(true);
    const refused = await copySqliteToPg({ sqlitePath, pgUrl: url, migrationsFolder: FIXTURE_PG_MIGRATIONS }).catch((error: unknown) => error);
    expect(isProblemError(refused) && refused.problem).toEqual({ code: 'CONFLICT', key: 'dbCopy.notEmpty', params: { tables: 'departments, payments, users' } });
    expect(await tableCounts(url)).toBe('7');
  });

  it('rolls everything back when a table ends up with fewer rows than SQLite has', async () => {
    const url = await migratedWithTrigger('DELETE FROM payments WHERE id = NEW.id AND NEW.id = 7; RETURN NULL;', 'AFTER');
    const report = await copySqliteToPg({ sqlitePath, pgUrl: url, migrationsFolder: FIXTURE_PG_MIGRATIONS });
    expect(report.ok).toBe(false);
    expect(report.tables.filter((check) => !check.ok).map((check) => [check.table, check.sqliteRows, check.pgRows])).toEqual([['payments', 3, 2]]);
    expect(await tableCounts(url)).toBe('0');
  });

  it('rolls everything back when a money sum differs though the row counts match', async () => {
    const url = await migratedWithTrigger('NEW.amount_fen := NEW.amount_fen + 1; RETURN NEW;', 'BEFORE');
    const report = await copySqliteToPg({ sqlitePath, pgUrl: url, migrationsFolder: FIXTURE_PG_MIGRATIONS });
    const payments = report.tables.find((check) => check.table === 'payments');
    expect(report.ok).toBe(false);
    expect(payments?.pgRows).toBe(3);
    expect(payments?.money[0]).toEqual({ column: 'amount_fen', sqlite: String(12_345 + BIG_FEN + 99), pg: String(12_345 + BIG_FEN + 99 + 3) });
    expect(await tableCounts(url)).toBe('0');
  });

  it('the CLI prints a line per table and exits 0, or 1 after a rollback; a URL that is not postgres:// is a usage error', async () => {
    const config = loadConfig({ NODE_ENV: 'test', ADMIN_TOKEN: 'x'.repeat(32), DATABASE_PATH: sqlitePath });
    const lines: string[] = [];
    const errors: string[] = [];
    const written: string[] = [];
    const out: CliOutput = { log: (line) => lines.push(line), error: (line) => errors.push(line), progress: { write: (chunk) => written.push(chunk) > 0 } };
    const fixture = { migrationsFolder: FIXTURE_PG_MIGRATIONS };

    expect(await runDbCopy(config, await freshDatabase(), out, fixture)).toBe(0);
    expect(lines[0]).toBe('逐表核对：表 | SQLite 行数 | PostgreSQL 行数 | 金额合计 (per-table check: table | SQLite rows | PostgreSQL rows | money sums)');
    expect(lines).toContain('✓ payments | 3 → 3 | amount_fen 4000000012567 → 4000000012567 | refund_fen 500 → 500');
    expect(lines.at(-1)).toBe('已复制 3 张表、7 行，行数与金额合计全部一致 (Copied 3 tables, 7 rows; every row count and money sum matches)');
    expect(written.at(-1)).toBe('复制中 7/7 (copying)\n');

    expect(await runDbCopy(config, await migratedWithTrigger('NEW.refund_fen := 1; RETURN NEW;', 'BEFORE'), out, fixture)).toBe(1);
    expect(lines).toContain('✗ payments | 3 → 3 | amount_fen 4000000012567 → 4000000012567 | refund_fen 500 → 3');
    expect(errors.at(-1)).toContain('已回滚');

    expect(await runDbCopy(config, 'mysql://localhost/x', out)).toBe(64);
  });
});

describe('openPgDatabase', () => {
  it('reads int8 as a number when it fits and refuses one beyond 2^53, through the pool and through Drizzle', async () => {
    const db = openPgDatabase(await freshDatabase(), {});
    try {
      expect((await db.$client.query('SELECT 9007199254740991::int8 AS n')).rows[0]).toEqual({ n: 9_007_199_254_740_991 });
      expect((await db.execute(sql`SELECT ${BIG_FEN}::int8 AS n`)).rows[0]).toEqual({ n: BIG_FEN });
      await expect(db.$client.query('SELECT 9007199254740993::int8 AS n')).rejects.toThrow(/beyond 2\^53/);
      await expect(db.execute(sql`SELECT 9007199254740993::int8 AS n`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/beyond 2\^53/) } });
      // Nothing global: a plain pg client still reads int8 as text.
      expect(await query(inject('pgClusterUrl'), 'SELECT 5::int8 AS n')).toEqual([{ n: '5' }]);
    } finally {
      await closePgDatabase(db);
    }
  });
});
