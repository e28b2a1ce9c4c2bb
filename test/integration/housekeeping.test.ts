import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import { createAlertNoticeRepository } from '../../src/db/repositories/alert-notices.js';
import { filePayload } from '../../src/outbox/outbox.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { userIdOf } from '../helpers/assessment.js';
import { sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

/**
 * Housekeeping drops what delivered messages no longer need (their payloads, files first) but keeps
 * their idempotency keys, and forgets old sandbox chat. Retention comes from the config; the clock is
 * the test's.
 */
const DAY_MS = 24 * 60 * 60_000;
// A rep card per rep and a team card per manager (someone both gets both).
const hasRole = (role: string) => DEMO_ORG_ROWS.filter((r) => r.roles?.split(',').includes(role)).length;
const people = hasRole('rep') + hasRole('manager');
const RETENTION = { OUTBOX_FILE_PAYLOAD_RETENTION_DAYS: '7', OUTBOX_PAYLOAD_RETENTION_DAYS: '30', SANDBOX_MESSAGE_RETENTION_DAYS: '14' };

async function runJob(t: TestApp, job: string, body: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: `/admin/jobs/${job}/run`, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: body });
  expect(response.statusCode).toBe(200);
  return response.json() as { status: string; result: { sent: number; alreadySent: number; details: Record<string, number> } };
}

describe('housekeeping', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  // Through the table: the payload reads as JSON on both databases (text on SQLite, jsonb on PostgreSQL).
  const payloadTypes = async () => {
    const { outbox } = tablesOf(t.db);
    const rows = await t.db.select({ k: outbox.idempotencyKey, payload: outbox.payload, status: outbox.status }).from(outbox);
    return Object.fromEntries(rows.map((r) => [r.k, `${r.status}:${(r.payload as { type: string }).type}`]));
  };
  const storedPayload = async (idempotencyKey: string) => {
    const { outbox } = tablesOf(t.db);
    return t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey));
  };

  it('purges delivered payloads (files first) but keeps their keys: a forced weekly re-run sends nothing', async () => {
    t = await createTestApp({ now: '2026-11-30T10:00:00+08:00', env: RETENTION });
    expect(await runJob(t, 'weekly-report', { period: '2026-W48' })).toMatchObject({ status: 'succeeded', result: { sent: people } });
    const hr = String((await userIdOf(t.db, 'H001')));
    const file = filePayload({ name: 'assessment-2026-11.xlsx', mimeType: 'application/octet-stream', content: Buffer.alloc(4096, 1) });
    await t.app.botDeps.outbox.enqueue([{ idempotencyKey: 'export:1', platform: 'sandbox', target: { kind: 'user', recipient: { platform: 'sandbox', userRef: hr } }, payload: file }]);
    // Still pending, though old: only delivered rows lose anything.
    await t.app.botDeps.outbox.enqueue([{ idempotencyKey: 'pending:1', platform: 'dingtalk', target: { kind: 'user', recipient: { platform: 'dingtalk', userRef: 'u1' } }, payload: { type: 'text', text: 'x' } }]);
    expect(await t.app.botDeps.outbox.tick()).toMatchObject({ sent: people + 1 });
    const keys = Object.keys(await payloadTypes()).sort();

    t.clock.advance(8 * DAY_MS);
    const week = await runJob(t, 'housekeeping', { period: '2026-12-08' });
    expect(week.result.details).toMatchObject({ purgedOutboxFiles: 1, purgedOutboxPayloads: 1 });
    expect((await payloadTypes())['export:1']).toBe('sent:purged');
    expect(await storedPayload('export:1')).toEqual([{ payload: { type: 'purged', was: 'file' } }]);
    expect(Object.values(await payloadTypes()).filter((v) => v === 'sent:card')).toHaveLength(people);

    t.clock.advance(23 * DAY_MS);
    const month = await runJob(t, 'housekeeping', { period: '2026-12-31' });
    expect(month.result.details).toMatchObject({ purgedOutboxFiles: 0, purgedOutboxPayloads: people });
    const after = await payloadTypes();
    expect(Object.keys(after).sort()).toEqual(keys);
    expect(Object.entries(after).filter(([, v]) => v !== 'sent:purged')).toEqual([['pending:1', 'pending:text']]);

    const forced = await runJob(t, 'weekly-report', { period: '2026-W48', force: true });
    expect(forced).toMatchObject({ status: 'succeeded', result: { sent: 0, alreadySent: people } });
    expect(await t.app.botDeps.outbox.tick()).toMatchObject({ sent: 0 });
    expect(Object.keys(await payloadTypes()).sort()).toEqual(keys);
  });

  it('forgets sandbox chat older than its retention and keeps the recent', async () => {
    t = await createTestApp({ now: '2026-11-30T10:00:00+08:00', env: RETENTION });
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('帮助');
    t.clock.advance(10 * DAY_MS);
    await chat.say('我的');
    const lines = async () => {
      const { sandboxMessages } = tablesOf(t.db);
      return t.db.select({ at: sandboxMessages.createdAt }).from(sandboxMessages);
    };
    const recentAt = t.clock.now;
    expect(new Set((await lines()).map((l) => l.at))).toEqual(new Set([recentAt - 10 * DAY_MS, recentAt]));

    t.clock.advance(5 * DAY_MS); // the first chat is 15 days old, the second 5
    const run = await runJob(t, 'housekeeping', { period: '2026-12-15' });
    expect(run.result.details.purgedSandboxMessages).toBeGreaterThan(0);
    expect((await lines()).length).toBeGreaterThan(0);
    expect((await lines()).every((l) => l.at === recentAt)).toBe(true);
  });

  it('drops the payload of a withdrawn message after the retention, keeping its key and status; it is never sent', async () => {
    t = await createTestApp({ now: '2026-12-31T10:00:00+08:00', env: RETENTION });
    const s101 = String((await userIdOf(t.db, 'S101')));
    const message = { idempotencyKey: 'win-post:1', platform: 'sandbox' as const, target: { kind: 'user' as const, recipient: { platform: 'sandbox' as const, userRef: s101 } }, payload: { type: 'text' as const, text: '喜报' } };
    await t.app.botDeps.outbox.enqueue([message]);
    expect(await t.app.botDeps.outbox.withdraw('win-post:1')).toMatchObject({ status: 'withdrawn' });

    t.clock.advance(29 * DAY_MS);
    expect((await runJob(t, 'housekeeping', { period: '2027-01-29' })).result.details).toMatchObject({ purgedOutboxPayloads: 0 });
    expect((await payloadTypes())['win-post:1']).toBe('withdrawn:text');

    t.clock.advance(2 * DAY_MS);
    expect((await runJob(t, 'housekeeping', { period: '2027-01-31' })).result.details).toMatchObject({ purgedOutboxPayloads: 1 });
    expect((await payloadTypes())['win-post:1']).toBe('withdrawn:purged');
    expect(await t.app.botDeps.outbox.tick()).toMatchObject({ sent: 0 });
    await t.app.botDeps.outbox.enqueue([message]);
    expect((await payloadTypes())['win-post:1']).toBe('withdrawn:purged');
  });

  it('forgets alert notices older than a year, keeping the recent ones', async () => {
    t = await createTestApp({ now: '2026-02-28T10:00:00+08:00', env: RETENTION });
    const notices = createAlertNoticeRepository(t.db);
    const manager = (await userIdOf(t.db, 'S100'));
    await notices.record([{ alertKey: 'no-visit:2026-02-28:user-1', managerUserId: manager, digestKey: 'digest:a' }], t.clock.now);
    t.clock.advance(300 * DAY_MS);
    await notices.record([{ alertKey: 'no-visit:2026-12-25:user-1', managerUserId: manager, digestKey: 'digest:b' }], t.clock.now);
    t.clock.advance(101 * DAY_MS); // the first is 401 days old, the second 101

    const run = await runJob(t, 'housekeeping', { period: '2027-04-05' });
    expect(run.result.details).toMatchObject({ purgedAlertNotices: 1 });
    expect(await notices.known(['no-visit:2026-02-28:user-1', 'no-visit:2026-12-25:user-1'])).toEqual(new Set(['no-visit:2026-12-25:user-1']));
  });
});
