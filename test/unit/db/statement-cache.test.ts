import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingClient } from '../../../src/db/statement-cache.js';

describe("drizzle's statement cache", () => {
  let sqlite: Database.Database;
  beforeEach(() => {
    sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES (\'a\'), (\'b\'), (\'c\')');
  });
  afterEach(() => sqlite.close());

  it('hands out one compiled statement per SQL text, with rows as objects again after raw()', () => {
    const client = cachingClient(sqlite);
    const first = client.prepare('SELECT id, name FROM t WHERE id = ?');
    expect(first.raw().get(1)).toEqual([1, 'a']);
    const again = client.prepare('SELECT id, name FROM t WHERE id = ?');
    expect(again).toBe(first);
    expect(again.get(2)).toEqual({ id: 2, name: 'b' });
    expect(client.prepare('SELECT name FROM t WHERE id = ?')).not.toBe(first);
  });

  it('never hands out a statement that is still iterating', () => {
    const client = cachingClient(sqlite);
    const names: string[] = [];
    for (const row of client.prepare('SELECT id, name FROM t ORDER BY id').iterate() as Iterable<{ id: number }>) {
      names.push(...(client.prepare('SELECT id, name FROM t ORDER BY id').all() as { name: string }[]).filter((r) => r.name === 'a').map(() => String(row.id)));
    }
    expect(names).toEqual(['1', '2', '3']);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const client = cachingClient(sqlite, 2);
    const a = client.prepare('SELECT 1');
    const b = client.prepare('SELECT 2');
    expect(client.prepare('SELECT 1')).toBe(a); // now 2 is the least recently used
    client.prepare('SELECT 3');
    expect(client.prepare('SELECT 1')).toBe(a);
    expect(client.prepare('SELECT 2')).not.toBe(b);
  });

  it('passes everything else to the connection', () => {
    const client = cachingClient(sqlite);
    expect(client.transaction(() => client.prepare('SELECT COUNT(*) AS n FROM t').get())()).toEqual({ n: 3 });
    expect(client.open).toBe(true);
  });
});
