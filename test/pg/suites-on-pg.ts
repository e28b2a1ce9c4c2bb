/**
 * The integration suites that also run on PostgreSQL (vitest project `pg-integration`, TEST_DATABASE=pg):
 * each drives the app through createTestApp, which then opens a fresh PostgreSQL database instead of a
 * SQLite file. Suites that read the SQLite file directly ($client, createTestDb) stay SQLite-only.
 */
export const SUITES_ON_PG: readonly string[] = [
  'test/integration/records/visit.test.ts',
];
