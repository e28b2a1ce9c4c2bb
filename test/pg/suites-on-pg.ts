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
  // g6
  'test/integration/help.test.ts',
  'test/integration/job-catch-up.test.ts',
  'test/integration/job-first-runs.test.ts',
  'test/integration/metrics.test.ts',
  'test/integration/web/admin-api.test.ts',
  'test/integration/web/admin-settings-api.test.ts',
  'test/integration/web/api.test.ts',
  'test/integration/web/deals-api.test.ts',
  'test/integration/web/doubted-api.test.ts',
  'test/integration/web/login.test.ts',
  'test/integration/web/sales-channel-feature.test.ts',
  'test/integration/web/static.test.ts',
  'test/integration/web/team-alerts.test.ts',
  // Group g5: platform channels (DingTalk, Feishu), inbound events, outbox.
  'test/integration/dingtalk-callback-replay.test.ts',
  'test/integration/dingtalk-stream-supervisor.test.ts',
  'test/integration/dingtalk-webhook.test.ts',
  'test/integration/feishu-webhook.test.ts',
  'test/integration/forgery-table.test.ts',
  'test/integration/inbound-exactly-once.test.ts',
  'test/integration/inbound-received.test.ts',
  'test/integration/outbox-card-updates.test.ts',
  'test/integration/outbox-fencing.test.ts',
  'test/integration/outbox-files.test.ts',
  'test/integration/outbox-platform-tasks.test.ts',
  'test/integration/outbox-withdraw.test.ts',
  'test/integration/outbox.test.ts',
  'test/integration/quiet-logs.test.ts',
  // Group g4: check-ins, customers, finance receipts, group chats, next steps, same-feature, surveys.
  'test/integration/checkins/checkin-dingtalk-h5.test.ts',
  'test/integration/checkins/checkin-feishu.test.ts',
  'test/integration/checkins/checkin-imported-location.test.ts',
  'test/integration/customers/confidential.test.ts',
  'test/integration/customers/handover.test.ts',
  'test/integration/customers/leaver-handover.test.ts',
  'test/integration/customers/leaver-sync.test.ts',
  'test/integration/customers/pool.test.ts',
  'test/integration/finance/receipt-import.test.ts',
  'test/integration/group-chats/group-chats-dingtalk.test.ts',
  'test/integration/group-chats/group-chats-feishu.test.ts',
  'test/integration/next-steps/platform-buttons.test.ts',
  'test/integration/next-steps/platform-tasks.test.ts',
  'test/integration/next-steps/reminders.test.ts',
  'test/integration/same-feature/admin-targets.test.ts',
  'test/integration/same-feature/payments.test.ts',
  'test/integration/surveys/survey-complaint.test.ts',
  'test/integration/surveys/survey-link.test.ts',
  'test/integration/surveys/survey-rate-limit.test.ts',
  'test/integration/surveys/survey-review-api.test.ts',
];

/** Integration suites that run on SQLite only, and why (not listed in SUITES_ON_PG). */
export const SQLITE_ONLY_SUITES: Readonly<Record<string, string>> = {
  // Group g5.
  'test/integration/dingtalk-directory.test.ts': 'drives the DingTalk simulator only (in-memory card recipients), opens no database',
  'test/integration/dingtalk-outbound.test.ts': 'drives the DingTalk simulator only (in-memory card recipients), opens no database',
  'test/integration/feishu-dispatcher.test.ts': 'drives the Feishu dispatcher against the simulator with a stub bot, opens no database',
  'test/integration/feishu-outbound.test.ts': 'drives the Feishu simulator only, opens no database',
  // Group g4.
  'test/integration/next-steps/platform-task-simulators.test.ts': 'drives the DingTalk/Feishu simulators only, opens no database',
  'test/integration/same-feature/route-table.test.ts': 'reads the source tree, opens no database',
};
