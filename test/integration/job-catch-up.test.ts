import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchUpMissedRuns, lastFireTime } from '../../src/jobs/catch-up.js';
import type { JobDefinition } from '../../src/jobs/job.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { extendDeps } from '../../src/features/deps.js';
import { tablesOf } from '../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const catchUpMissedRunOutcomes = async (...args: Parameters<typeof catchUpMissedRuns>) => (await catchUpMissedRuns(...args)).outcomes;

const at = (iso: string) => Date.parse(iso);
/** A runner's dependencies: the app's, with no platform address book (these jobs send, they do not sync). */
const jobDeps = (t: TestApp) => extendDeps(t.app.botDeps, { directories: () => [] });

describe('lastFireTime', () => {
  it.each([
    ['0 9 * * 1', '2026-11-30T10:00:00+08:00', '2026-11-30T09:00:00+08:00'],
    ['0 9 * * 1', '2026-11-30T09:00:00+08:00', '2026-11-30T09:00:00+08:00'],
    ['0 9 * * 1', '2026-11-30T08:59:00+08:00', '2026-11-23T09:00:00+08:00'],
    ['0 18 * * *', '2026-11-27T17:00:00+08:00', '2026-11-26T18:00:00+08:00'],
    ['0 8 1 * *', '2026-11-27T10:00:00+08:00', '2026-11-01T08:00:00+08:00'],
  ])('%s at %s last fired %s (Asia/Shanghai)', (cron, now, expected) => {
    expect(lastFireTime(cron, 'Asia/Shanghai', at(now))).toBe(at(expected));
  });
});

describe('catch-up of a missed weekly run at start-up', () => {
  let t: TestApp;
  const runs: string[] = [];
  // A weekly job like the weekly report: Monday 09:00, covering the ISO week that just ended.
  const weekly: JobDefinition = {
    name: 'weekly-test',
    description: 'test',
    schedule: '0 9 * * 1',
    catchUp: true,
    periodFor: (now, zone) => DateTime.fromMillis(now, { zone }).minus({ weeks: 1 }).toFormat("kkkk-'W'WW"),
    validatePeriod: () => null,
    async run(_deps, { periodKey }) {
      runs.push(periodKey);
      return { sent: 1, alreadySent: 0, skipped: {}, details: { periodKey } };
    },
  };

  beforeEach(async () => {
    runs.length = 0;
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('a service started at 10:00 on Monday sends last week’s run once, and not again on the next start', async () => {
    const runner = createJobRunner(jobDeps(t), [weekly]);
    const first = await catchUpMissedRunOutcomes(runner, { now: at('2026-11-30T10:00:00+08:00'), timezone: 'Asia/Shanghai' });
    expect(first).toMatchObject([{ status: 'succeeded', periodKey: '2026-W48' }]);
    const second = await catchUpMissedRunOutcomes(runner, { now: at('2026-11-30T11:30:00+08:00'), timezone: 'Asia/Shanghai' });
    expect(second).toEqual([]);
    expect(runs).toEqual(['2026-W48']);
    const { jobRuns } = tablesOf(t.db);
    const rows = await t.db.select({ trigger: jobRuns.trigger }).from(jobRuns).where(eq(jobRuns.job, 'weekly-test'));
    expect(rows).toEqual([{ trigger: 'catch-up' }]);
  });

  it('the schedule firing after a catch-up does not run the period again', async () => {
    const runner = createJobRunner(jobDeps(t), [weekly]);
    await catchUpMissedRunOutcomes(runner, { now: at('2026-11-30T10:00:00+08:00'), timezone: 'Asia/Shanghai' });
    const scheduled = await runner.run('weekly-test', { trigger: 'schedule', now: at('2026-11-30T10:00:30+08:00') });
    expect(scheduled).toMatchObject({ status: 'skipped', reason: 'already-ran' });
    expect(runs).toEqual(['2026-W48']);
  });

  it('jobs without catch-up are left alone', async () => {
    const runner = createJobRunner(jobDeps(t), [{ ...weekly, catchUp: false }]);
    expect(await catchUpMissedRunOutcomes(runner, { now: at('2026-11-30T10:00:00+08:00'), timezone: 'Asia/Shanghai' })).toEqual([]);
    expect(runs).toEqual([]);
  });

  it('a failed run is retried by the next catch-up', async () => {
    let fail = true;
    const flaky: JobDefinition = {
      ...weekly,
      async run(deps, ctx) {
        if (fail) throw new Error('platform down');
        return weekly.run(deps, ctx);
      },
    };
    const runner = createJobRunner(jobDeps(t), [flaky]);
    expect(await catchUpMissedRunOutcomes(runner, { now: at('2026-11-30T10:00:00+08:00'), timezone: 'Asia/Shanghai' })).toMatchObject([{ status: 'failed' }]);
    fail = false;
    const again = await catchUpMissedRunOutcomes(runner, { now: at('2026-11-30T10:05:00+08:00'), timezone: 'Asia/Shanghai' });
    expect(again).toMatchObject([{ status: 'succeeded', periodKey: '2026-W48' }]);
    expect(runs).toEqual(['2026-W48']);
  });
});
