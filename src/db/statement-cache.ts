import type Database from 'better-sqlite3';

/**
 * Drizzle's better-sqlite3 session prepares every query anew (`client.prepare(sql)` on each call),
 * which the inbound webhook profile showed as a top cost. This gives the session a client whose
 * prepare() reuses the compiled statement for the same SQL text (bounded, least recently used first
 * out). Only drizzle's session gets it: statements our repositories prepare on $client stay their own.
 * A statement still executing (an open iterate()) is never handed out twice, and its result mode is
 * reset, since drizzle switches raw() on for mapped rows and never back.
 */
export function cachingClient(sqlite: Database.Database, max = 1000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    const cached = cache.get(sql);
    if (cached && !cached.busy) {
      // Most recently used last, so the first key is the one to evict.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached.reader ? cached.raw(false) : cached;
    }
    const statement = sqlite.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
