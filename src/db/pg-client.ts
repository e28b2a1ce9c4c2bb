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
 * PostgreSQL text cannot hold NUL (SQLite can): a NUL typed into chat or a form would fail the insert with
 * a 500, so a string parameter stores it as U+FFFD, as the jsonb column does (schema-pg/columns.ts).
 */
const adaptParameter = (value: unknown): unknown => (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value);

/**
 * Drizzle passes its own per-query `types` whose fallback is pg's global table, which would skip the
 * pool's; so each pooled client wraps a query's own `types` with the int8 parser too, and adapts its string
 * parameters (adaptParameter). Nothing global changes.
 */
function adaptEveryQuery(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Drizzle calls query(config, params); pg also takes the values inside the config.
  const query = (config: unknown, ...rest: unknown[]) => {
    const [params, ...more] = rest;
    const values = Array.isArray(params) ? [params.map(adaptParameter), ...more] : rest;
    const custom = config as { types?: TypeParserSource; submit?: unknown; values?: unknown[] } | null;
    if (!custom || typeof custom !== 'object' || typeof custom.submit === 'function') return original(config, ...values);
    const adjusted = {
      ...custom,
      ...(custom.types ? { types: withInt8(custom.types) } : {}),
      ...(Array.isArray(custom.values) ? { values: custom.values.map(adaptParameter) } : {}),
    };
    return original(adjusted, ...values);
  };
  client.query = query as typeof client.query;
}

/** A node-postgres pool behind Drizzle's pg dialect; schema as for drizzle(). */
export function openPgDatabase<S extends Record<string, unknown>>(url: string, schema: S, options: PgOpenOptions = {}): PgDb<S> {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
  pool.on('connect', adaptEveryQuery);
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
