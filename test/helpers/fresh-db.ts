import type { Db } from '../../src/db/client.js';
import { createTestDb } from './test-app.js';

/**
 * A fresh migrated database without the app, on whichever database the project runs: a SQLite temp
 * file, or under TEST_DATABASE=pg (the pg-integration project) a fresh PostgreSQL database.
 */
export async function freshTestDb(label: string): Promise<{ db: Db; cleanup(): Promise<void> }> {
  if (process.env.TEST_DATABASE !== 'pg') {
    const sqlite = createTestDb();
    return { db: sqlite.db, cleanup: async () => sqlite.cleanup() };
  }
  // Imported only here: it reads the pg cluster the pg-integration project's global setup started.
  const { openFreshPgDb } = await import('../pg/app-db.js');
  const pg = await openFreshPgDb(label);
  return { db: pg.db, cleanup: pg.close };
}
