import { join } from 'node:path';
import { and, count, eq, like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { isPg, tablesOf } from '../../src/db/dialect.js';
import { catchUpMissedRuns } from '../../src/jobs/catch-up.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { runScript } from '../helpers/service-process.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

/**
 * A run that had nobody to send to, or nothing to assess, does not use up its period; catch-up only
 * runs what this install could really have missed; a forced run repeats a period without sending
 * anything twice, and every answer says what happened in counts and in words.
 */
const MONDAY_1000 = Date.parse('2026-11-30T10:00:00+08:00');
const ZONE = 'Asia/Shanghai';
const reps = DEMO_ORG_ROWS.filter((r) => r.roles?.split(',').includes('rep')).length;
const managers = DEMO_ORG_ROWS.filter((r) => r.roles?.split(',').includes('manager')).length;

async function importDemoOrg(t: TestApp, at: number): Promise<void> {
  const result = await importOrg(t.db, readJsonRows(DEMO_ORG_ROWS), { now: at, actorUserId: null, source: 'cli' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

async function runStatus(t: TestApp, job: string, period: string) {
  const { jobRuns } = tablesOf(t.db);
  const [row] = await t.db.select({ status: jobRuns.status, result: jobRuns.result }).from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, period)));
  return row ?? null;
}

/** The CLI's way to the test app's database: its PostgreSQL URL, or its SQLite file. */
function databaseEnvOf(t: TestApp): Record<string, string> {
  if (!isPg(t.db)) return { DATABASE_PATH: join(t.dir, 'test.db') };
  const pool = t.db.$client as unknown as { options: { connectionString: string } };
  // DATABASE_PATH too, so a CLI that missed the URL would open a file of its own and fail the test, not the app's.
  return { DATABASE_URL: pool.options.connectionString, DATABASE_PATH: join(t.dir, 'cli-must-not-use.db') };
}

async function runByApi(t: TestApp, job: string, body: Record<string, unknown>, locale = 'zh-CN') {
  const response = await t.app.inject({ method: 'POST', url: `/admin/jobs/${job}/run`, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'accept-language': locale }, payload: body });
  expect(response.statusCode).toBe(200);
  return response.json() as Record<string, unknown> & { summary: string };
}

describe('first runs of a fresh install', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('a weekly report on the empty org is recorded idle (no-org) and runs for real once the org is imported', async () => {
    t = await createTestApp({ seedDemoOrg: false, now: '2026-11-30T10:00:00+08:00' });
    const empty = await runByApi(t, 'weekly-report', { period: '2026-W48' });
    expect(empty).toMatchObject({ status: 'idle', reason: 'no-org', result: { sent: 0 } });
    expect(empty.summary).toContain('组织为空');
    expect(await runStatus(t, 'weekly-report', '2026-W48')).toMatchObject({ status: 'idle' });

    await importDemoOrg(t, MONDAY_1000);
    const real = await runByApi(t, 'weekly-report', { period: '2026-W48' });
    expect(real).toMatchObject({ status: 'succeeded', result: { sent: reps + managers, alreadySent: 0 } });
    expect(await runStatus(t, 'weekly-report', '2026-W48')).toMatchObject({ status: 'succeeded' });
  });

  it('an assessment of a month with nobody to assess is idle, and a run after the org import creates the reviews', async () => {
    t = await createTestApp({ seedDemoOrg: false, now: '2026-11-30T10:00:00+08:00' });
    expect(await runByApi(t, 'assessment', { period: '2026-10' })).toMatchObject({ status: 'idle', reason: 'no-org' });
    await importDemoOrg(t, MONDAY_1000);
    const run = await runByApi(t, 'assessment', { period: '2026-10' });
    // Two teams, and 销售部 holding their managers' own results (reviewed one level up).
    expect(run).toMatchObject({ status: 'succeeded', result: { details: { created: 3, existing: 0 }, sent: 3 } });
  });

  it('a weekly report with nobody reachable (no platform identity, no sandbox) is idle (no-recipients) and stays open', async () => {
    t = await createTestApp({ env: { SANDBOX_ENABLED: 'false' }, now: '2026-11-30T10:00:00+08:00' });
    const first = await runByApi(t, 'weekly-report', { period: '2026-W48' }, 'en-US');
    expect(first).toMatchObject({ status: 'idle', reason: 'no-recipients', result: { skipped: { unreachable: reps + managers } } });
    expect(first.summary).toContain('nobody to send to');
    // Not "already-ran": the next run goes through the job again.
    expect(await runByApi(t, 'weekly-report', { period: '2026-W48' })).toMatchObject({ status: 'idle', reason: 'no-recipients' });
  });

  it('catch-up does nothing while the org is empty and records no run', async () => {
    t = await createTestApp({ seedDemoOrg: false, now: '2026-11-30T10:00:00+08:00' });
    const { outcomes, skipped } = await catchUpMissedRuns(t.app.jobs, { now: MONDAY_1000, timezone: ZONE });
    expect(outcomes).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(skipped.map(() => 'no-org'));
    expect(skipped.map((s) => s.job)).toEqual(expect.arrayContaining(['weekly-report', 'assessment']));
    const { jobRuns } = tablesOf(t.db);
    expect(await t.db.select({ n: count() }).from(jobRuns)).toEqual([{ n: 0 }]);
  });

  it('catch-up does not back-fill periods that fired before the org existed', async () => {
    t = await createTestApp({ seedDemoOrg: false, now: '2026-11-30T09:30:00+08:00' });
    // Installed at 09:30 on Monday: the 09:00 weekly run and the 1st's assessment fired before the org.
    await importDemoOrg(t, Date.parse('2026-11-30T09:30:00+08:00'));
    const { outcomes, skipped } = await catchUpMissedRuns(t.app.jobs, { now: MONDAY_1000, timezone: ZONE });
    expect(outcomes).toEqual([]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { job: 'weekly-report', reason: 'before-org', periodKey: '2026-W48' },
        { job: 'assessment', reason: 'before-org', periodKey: '2026-10' },
      ]),
    );
    // The operator can still run them by hand.
    expect(await runByApi(t, 'weekly-report', { period: '2026-W48' })).toMatchObject({ status: 'succeeded' });
  });

  it('catch-up runs a period that fired after the org existed', async () => {
    t = await createTestApp({ now: '2026-11-27T10:00:00+08:00' });
    const { outcomes } = await catchUpMissedRuns(t.app.jobs, { now: MONDAY_1000, timezone: ZONE });
    expect(outcomes).toContainEqual(expect.objectContaining({ job: 'weekly-report', periodKey: '2026-W48', status: 'succeeded' }));
  });

  it('an unforced second run is skipped and says how to force it; a forced run sends nothing twice', async () => {
    t = await createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await runByApi(t, 'weekly-report', { period: '2026-W48' });
    const again = await runByApi(t, 'weekly-report', { period: '2026-W48' });
    expect(again).toMatchObject({ status: 'skipped', reason: 'already-ran' });
    expect(again.summary).toContain('"force": true');

    const forced = await runByApi(t, 'weekly-report', { period: '2026-W48', force: true }, 'en');
    expect(forced).toMatchObject({ status: 'succeeded', forced: true, result: { sent: 0, alreadySent: reps + managers } });
    expect(forced.summary).toBe(`weekly-report 2026-W48: run again (forced). 0 messages sent. ${reps + managers} already sent before, not sent again.`);
    const { outbox } = tablesOf(t.db);
    const [queued] = await t.db.select({ n: count() }).from(outbox).where(like(outbox.idempotencyKey, 'weekly-report:2026-W48:%'));
    expect(queued!.n).toBe(reps + managers);
  });

  it('a forced run sends to someone who was unreachable the first time, and only to them', async () => {
    t = await createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await runByApi(t, 'weekly-report', { period: '2026-W48' });
    // One card never made it into the outbox (the rep had no identity then, say).
    const s101 = (await t.app.botDeps.org.getUserByEmployeeNo('S101'))!.id;
    const { outbox } = tablesOf(t.db);
    await t.db.delete(outbox).where(eq(outbox.idempotencyKey, `weekly-report:2026-W48:user-${s101}`));
    const forced = await runByApi(t, 'weekly-report', { period: '2026-W48', force: true });
    expect(forced).toMatchObject({ status: 'succeeded', result: { sent: 1, alreadySent: reps + managers - 1 } });
    expect(forced.summary).toContain('新发送 1 条消息');
  });
});

describe('the CLI runs a job, forced or not, and says what it did', () => {
  // Two tsx starts in one test: the process budgets, not the in-process defaults.
  useProcessTimeouts();
  let t: TestApp;
  afterEach(async () => t.close());

  it('jobs run weekly-report --period 2026-W48 --force', async () => {
    t = await createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const env = { ...databaseEnvOf(t), SANDBOX_ENABLED: 'true' };
    await runByApi(t, 'weekly-report', { period: '2026-W48' });
    const plain = await runScript('src/cli/index.ts', ['jobs', 'run', 'weekly-report', '--period', '2026-W48'], env);
    expect(plain.output).toContain('already ran');
    const forced = await runScript('src/cli/index.ts', ['jobs', 'run', 'weekly-report', '--period', '2026-W48', '--force'], env);
    expect(forced.code).toBe(0);
    expect(forced.output).toContain(`${reps + managers} 条此前已发送，未重复发送`);
    expect(forced.output).toContain('"forced":true');
  });
});
