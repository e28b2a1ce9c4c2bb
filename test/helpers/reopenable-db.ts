import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAppDatabase, openDatabase, openPgAppDatabase, runMigrations, type Db } from '../../src/db/client.js';

let created = 0;

/**
 * One fresh test database that a test opens several times, as a restarted service or a second replica
 * does: a SQLite file, or under TEST_DATABASE=pg (the pg-integration project) a fresh PostgreSQL
 * database. Each open() is a connection of its own (a pool on pg), migrated; dispose() closes what is
 * still open and removes the temp folder. `databasePath`, for the config's DATABASE_PATH: the SQLite
 * file, or on pg a path in that folder (the files kept beside the database go there).
 */
export async function reopenableTestDb(label: string): Promise<{ databasePath: string; open(): Promise<Db>; close(db: Db): Promise<void>; dispose(): Promise<void> }> {
  const opened = new Set<Db>();
  const dir = mkdtempSync(join(tmpdir(), 'skb-test-'));
  const databasePath = join(dir, 'test.db');
  let connect: () => Promise<Db>;
  if (process.env.TEST_DATABASE === 'pg') {
    // Imported only here: they read the cluster the pg-integration project's global setup started.
    const { inject } = await import('vitest');
    const { createPgDatabase } = await import('./pg-cluster.js');
    created += 1;
    const url = await createPgDatabase(inject('pgClusterUrl'), `${label}_${process.pid}_${created}`, inject('pgMigratedTemplate'));
    connect = () => openPgAppDatabase(url, { poolSize: 4 });
  } else {
    connect = async () => {
      const db = openDatabase(databasePath);
      runMigrations(db);
      return db;
    };
  }
  const close = async (db: Db) => {
    if (opened.delete(db)) await closeAppDatabase(db);
  };
  return {
    databasePath,
    async open() {
      const db = await connect();
      opened.add(db);
      return db;
    },
    close,
    async dispose() {
      for (const db of [...opened]) await close(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
