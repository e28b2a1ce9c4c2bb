import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type PgDb<S extends Record<string, unknown> = Record<string, never>> = NodePgDatabase<S> & { $client: pg.Pool };

export interface PgOpenOptions {
  /** Connections in the pool (node-postgres' default is 10). */
  poolSize?: number;
  /** An idle pooled connection that failed (server restart, network): the pool drops it and opens another. */
  onIdleError?: (error: Error) => void;
}

/** migrations/pg at the project root, found from here whether running from src/ (tsx) or dist/src/ (built). */
export function findPgMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = resolve(dir, 'migrations', 'pg');
    if (existsSync(resolve(candidate, 'meta/_journal.json'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('migrations/pg folder not found');
}

const INT8_OID = 20;

/**
 * int8 (money in fen, epoch ms, count(*)) as a JS number, which is what the SQLite side returns; a value a
 * number cannot hold exactly is an error rather than a silently rounded amount.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond 2^53 and cannot be read as a number`);
  return value;
}

type TypeParserSource = { getTypeParser: (oid: number, format?: string) => unknown };

function withInt8(types: TypeParserSource): TypeParserSource {
  return {
    getTypeParser: (oid, format) => (oid === INT8_OID && format !== 'binary' ? parseInt8 : types.getTypeParser(oid, format)),
  };
}

/**
 * Drizzle passes its own per-query `types` whose fallback is pg's global table, which would skip the
 * pool's; so each pooled client wraps a query's own `types` with the int8 parser too. Nothing global changes.
 */
function int8OnEveryQuery(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const query = (config: unknown, ...rest: unknown[]) => {
    const custom = config as { types?: TypeParserSource; submit?: unknown } | null;
    const adjusted = custom && typeof custom === 'object' && custom.types && typeof custom.submit !== 'function' ? { ...custom, types: withInt8(custom.types) } : config;
    return original(adjusted, ...rest);
  };
  client.query = query as typeof client.query;
}

/** A node-postgres pool behind Drizzle's pg dialect; schema as for drizzle(). */
export function openPgDatabase<S extends Record<string, unknown>>(url: string, schema: S, options: PgOpenOptions = {}): PgDb<S> {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
  pool.on('connect', int8OnEveryQuery);
  // Without a listener an idle connection's error would crash the process; the pool replaces the connection anyway.
  pool.on('error', (error) => options.onIdleError?.(error));
  return drizzle(pool, { schema }) as PgDb<S>;
}

/** Applies the drizzle-kit migrations (default migrations/pg); already applied ones are skipped. */
export async function runPgMigrations(db: PgDb<Record<string, unknown>>, migrationsFolder = findPgMigrationsDir()): Promise<void> {
  await migrate(db, { migrationsFolder });
}

/** Ends the pool (waits for checked-out clients to be released). */
export async function closePgDatabase(db: PgDb<Record<string, unknown>>): Promise<void> {
  await db.$client.end();
}
