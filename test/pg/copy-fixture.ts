import Database from 'better-sqlite3';
import { join } from 'node:path';

/** The fixture's pg side: three tables as drizzle-kit would write them (identity, serial, a key cycle, jsonb). */
export const FIXTURE_PG_MIGRATIONS = join(import.meta.dirname, '../fixtures/pg-copy/migrations');

export const PAID_AT = Date.parse('2026-02-28T16:30:00.000Z');
/** Beyond a 32-bit integer: the money columns must be bigint end to end. */
export const BIG_FEN = 4_000_000_000_123;

/**
 * The same three tables on SQLite, as the app stores them (0/1 booleans, JSON text, epoch ms), with a
 * department listed before its parent and a leader who belongs to it: no table order satisfies every key.
 */
export function writeSqliteFixture(path: string): void {
  const sqlite = new Database(path);
  sqlite.exec(`
    CREATE TABLE departments (id integer PRIMARY KEY, name text NOT NULL, parent_id integer REFERENCES departments(id), leader_user_id integer REFERENCES users(id));
    CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, department_id integer REFERENCES departments(id), active integer NOT NULL DEFAULT 1, created_at integer NOT NULL);
    CREATE TABLE payments (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users(id), amount_fen integer NOT NULL, refund_fen integer, detail text, confirmed integer NOT NULL DEFAULT 0, paid_at integer);
    CREATE TABLE __drizzle_migrations (id integer PRIMARY KEY, hash text NOT NULL, created_at numeric);
    INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('abc', 1);
    INSERT INTO departments VALUES (2, '华东大区', NULL, NULL), (1, '华东一部', 2, NULL);
    INSERT INTO users VALUES (10, '张三', 1, 1, 1772000000000), (11, '李四', 2, 0, 1772000000001);
    UPDATE departments SET leader_user_id = 10 WHERE id = 1;
  `);
  const insert = sqlite.prepare('INSERT INTO payments VALUES (?, ?, ?, ?, ?, ?, ?)');
  insert.run(1, 10, 12_345, null, JSON.stringify({ invoice: 'FP-001', lines: [1, 2] }), 1, PAID_AT);
  insert.run(2, 11, BIG_FEN, 500, null, 0, null);
  insert.run(7, 10, 99, 0, '"备注"', 1, PAID_AT + 1);
  sqlite.close();
}
