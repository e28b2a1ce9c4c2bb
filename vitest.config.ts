import { configDefaults, defineConfig } from 'vitest/config';
import { findPgBinaries } from './test/helpers/pg-cluster.js';
import { SUITES_ON_PG } from './test/pg/suites-on-pg.js';

// The test/pg suites need initdb and pg_ctl. Without them `npm test` runs everything else and says so once
// (test/reporters/summary.ts); `npm run test:pg` (PG_TESTS=required) fails instead of passing with nothing run.
const pgFound = findPgBinaries() !== null;
if (!pgFound && process.env.PG_TESTS === 'required') {
  throw new Error('PostgreSQL not found (initdb, pg_ctl): install postgresql or run .ci/run');
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: e2e suites spawn real server processes, so keep parallelism modest.
    maxWorkers: 2,
    // A worker keeps its loaded modules from one file to the next: re-importing the app for each of
    // 350 files cost 376 s of a 955 s run. Each suite builds its own app, database and clock, so no
    // state rides along (the whole suite passes either way; with this it takes 621 s instead of 955 s).
    isolate: false,
    reporters: ['default', ['./test/reporters/summary.ts', { pgMissing: !pgFound }]],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/pg/**'] } },
      // Its globalSetup starts a PostgreSQL cluster only when one of its files is selected.
      ...(pgFound
        ? [
            { extends: true as const, test: { name: 'pg', include: ['test/pg/**/*.test.ts'], globalSetup: ['test/pg/global-setup.ts'] } },
            // The same integration suites again, each app on a fresh PostgreSQL database (test/helpers/test-app.ts).
            { extends: true as const, test: { name: 'pg-integration', include: [...SUITES_ON_PG], env: { TEST_DATABASE: 'pg' }, globalSetup: ['test/pg/global-setup.ts'] } },
          ]
        : []),
    ],
  },
});
