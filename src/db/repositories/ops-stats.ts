import { inArray, min, sql } from 'drizzle-orm';
import { existsSync, statSync } from 'node:fs';
import { asyncRepository, type Db } from '../client.js';
import { isPg, queryRows, tablesOf } from '../dialect.js';

/** Figures for the metrics endpoint: the outbox backlog and the size of the database files. */
export function createOpsStats(db: Db, databasePath: string) {
  const { outbox } = tablesOf(db);
  return asyncRepository(db, {
    /** Messages not yet delivered (pending or being sent), and when the oldest of them was queued. */
    async outboxBacklog(): Promise<{ depth: number; oldestCreatedAt: number | null }> {
      const [row] = await db
        .select({ depth: sql<number>`count(*)`.mapWith(Number), oldest: min(outbox.createdAt) })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending']));
      return { depth: row?.depth ?? 0, oldestCreatedAt: row?.oldest ?? null };
    },

    /**
     * Bytes of the database file and of its write-ahead log (0 for an in-memory database). On PostgreSQL
     * the database's size as the server counts it (no SQLite file exists there); its WAL is the cluster's, so 0.
     */
    async fileSizes(): Promise<{ main: number; wal: number }> {
      if (isPg(db)) {
        const [row] = await queryRows<{ bytes: string | number }>(db, sql`SELECT pg_database_size(current_database()) AS bytes`);
        return { main: Number(row?.bytes ?? 0), wal: 0 };
      }
      if (databasePath === ':memory:') return { main: 0, wal: 0 };
      const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
      return { main: size(databasePath), wal: size(`${databasePath}-wal`) };
    },
  });
}
