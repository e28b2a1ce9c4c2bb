/**
 * The integration suites that also run on PostgreSQL (vitest project `pg-integration`, TEST_DATABASE=pg):
 * each drives the app through createTestApp, which then opens a fresh PostgreSQL database instead of a
 * SQLite file. Suites that read the SQLite file directly ($client, createTestDb) stay SQLite-only.
 */
// Suites that seed through test/helpers/kpi-records.ts or read t.db with SQLite's synchronous calls
// (.all/.get/.run) are not listed yet: those helpers are SQLite-only.
export const SUITES_ON_PG: readonly string[] = [
  'test/integration/records/completeness.test.ts',
  'test/integration/records/click-locale.test.ts',
  'test/integration/records/save-progress.test.ts',
  'test/integration/job-run-progress.test.ts',
  'test/integration/web/http-hardening.test.ts',
  'test/integration/web/import-templates-api.test.ts',
  'test/integration/web/refusal-names.test.ts',
  'test/integration/imports/event-loop.test.ts',
  'test/integration/imports/import-progress.test.ts',
  'test/integration/help-english-examples.test.ts',
  'test/integration/org-sync.test.ts',
  // group g2: assessment, authz, housekeeping, journeys
  'test/integration/assessment-cycle.test.ts',
  'test/integration/assessment-distribution-ack.test.ts',
  'test/integration/assessment-export-chat.test.ts',
  'test/integration/assessment-export-platforms.test.ts',
  'test/integration/assessment-lock-export.test.ts',
  'test/integration/assessment-same-feature.test.ts',
  'test/integration/assessment-send-back.test.ts',
  'test/integration/assessment-separation-of-duties.test.ts',
  'test/integration/assessment-typed.test.ts',
  'test/integration/authz/authz-matrix.test.ts',
  'test/integration/housekeeping.test.ts',
  'test/integration/journeys/journeys.test.ts',
  'test/integration/web/assessment-api.test.ts',
  'test/integration/web/audit-one-feature.test.ts',
  'test/integration/web/calibration-api.test.ts',
  'test/integration/web/hr-landing-audit-api.test.ts',
];
