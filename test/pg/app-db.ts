import { inject } from 'vitest';
import { closeAppDatabase, openPgAppDatabase, type Db } from '../../src/db/client.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';

let created = 0;

/**
 * A fresh PostgreSQL database in the run's throwaway cluster, migrated, opened as the app's `Db`
 * (the repositories' and features' own entry point). `label` names it for a reader of the cluster's log.
 */
export async function openFreshPgDb(label: string): Promise<{ db: Db; close(): Promise<void> }> {
  created += 1;
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${created}`;
  // A copy of the run's migrated template; migrations still run, and find every step applied.
  const db = await openPgAppDatabase(await createPgDatabase(inject('pgClusterUrl'), name, inject('pgMigratedTemplate')), { poolSize: 4 });
  return { db, close: () => closeAppDatabase(db) };
}
