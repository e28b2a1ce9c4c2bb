import type { TestProject } from 'vitest/node';
import { closeAppDatabase, openPgAppDatabase } from '../../src/db/client.js';
import { createPgDatabase, startPgCluster } from '../helpers/pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://…/postgres of the run's one throwaway cluster; each test file creates its own database in it. */
    pgClusterUrl: string;
    /** A database with the pg migrations applied, copied by CREATE DATABASE … TEMPLATE for each app database. */
    pgMigratedTemplate: string;
  }
}

/**
 * One cluster per vitest run (initdb costs about a second; CREATE DATABASE per file a tenth of that).
 * Runs only when a test/pg file is selected; the returned teardown stops it however the tests ended.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  project.provide('pgClusterUrl', cluster.url);
  // Migrating once and copying the result makes each test's fresh database a file copy, not ~60 DDL statements.
  const template = 'migrated_template';
  await closeAppDatabase(await openPgAppDatabase(await createPgDatabase(cluster.url, template), { poolSize: 1 }));
  project.provide('pgMigratedTemplate', template);
  return () => cluster.stop();
}
