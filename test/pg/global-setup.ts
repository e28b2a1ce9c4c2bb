import type { TestProject } from 'vitest/node';
import { startPgCluster } from '../helpers/pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://…/postgres of the run's one throwaway cluster; each test file creates its own database in it. */
    pgClusterUrl: string;
  }
}

/**
 * One cluster per vitest run (initdb costs about a second; CREATE DATABASE per file a tenth of that).
 * Runs only when a test/pg file is selected; the returned teardown stops it however the tests ended.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  project.provide('pgClusterUrl', cluster.url);
  return () => cluster.stop();
}
