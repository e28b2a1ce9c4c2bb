import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpMissedRuns } from '../../src/jobs/catch-up.js';
import { businessDateOf, nextPeriod, parsePeriodKey, periodContaining, previousPeriod, PERIOD_TYPES } from '../../src/domain/period.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { serviceEnv } from '../helpers/service-process.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The one suite that reads the machine's clock on purpose: the app is built on a clock fixed at
 * "now", and every expectation is worked out from "now" by plain calendar arithmetic (Intl, not the
 * code under test). `npm test` runs it at whatever today is; `npm run test:dates` runs it under
 * libfaketime at the instants that break date code (a month's last seconds, ISO week 53, 29
 * February, just before and after the Monday 09:00 and 1st-of-month 08:00 schedules).
 */
const ZONE = 'Asia/Shanghai';
const NOW = Date.now();

/** Wall-clock fields of an instant in Asia/Shanghai, read through Intl. */
function shanghai(instant: number): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday as string) + 1;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), weekday };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (f: { year: number; month: number; day: number }) => `${f.year}-${pad(f.month)}-${pad(f.day)}`;
const DAY = 86_400_000;

/** ISO week key of a calendar date (the week belongs to the year of its Thursday). */
function isoWeekKey(date: string): string {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(utc).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(utc + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${pad(week)}`;
}

/** The month key before a 'YYYY-MM'. */
function monthBefore(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

describe(`at "now" (${new Date(NOW).toISOString()})`, () => {
  const local = shanghai(NOW);
  const today = dateOf(local);

  it('a process started the way the e2e helpers start the service reads the same clock', () => {
    // Under libfaketime the service must run on the faked clock too: its "now" lies between ours
    // before and after starting it (an order of instants, not a duration).
    const before = Date.now();
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { env: serviceEnv({}), encoding: 'utf8' });
    const after = Date.now();
    expect(child.status, child.stderr).toBe(0);
    expect(Number(child.stdout)).toBeGreaterThanOrEqual(before);
    expect(Number(child.stdout)).toBeLessThanOrEqual(after);
  });

  it('today is the Asia/Shanghai calendar date, whatever the process time zone', () => {
    expect(businessDateOf(NOW, ZONE)).toBe(today);
  });

  it.each(PERIOD_TYPES)('the %s containing now holds it, round-trips its key and borders its neighbours', (type) => {
    const period = periodContaining(type, NOW, ZONE);
    expect(period.start).toBeLessThanOrEqual(NOW);
    expect(period.end).toBeGreaterThan(NOW);
    expect(period.startDate <= today && today < period.endDate).toBe(true);
    expect(parsePeriodKey(period.key, ZONE)).toEqual(period);
    expect(previousPeriod(period).end).toBe(period.start);
    expect(nextPeriod(period).start).toBe(period.end);
    const expectedKey = { week: isoWeekKey(today), month: today.slice(0, 7), quarter: `${local.year}-Q${Math.ceil(local.month / 3)}`, year: String(local.year) }[type];
    expect(period.key).toBe(expectedKey);
  });

  describe('the service starting now', () => {
    let t: TestApp;
    beforeAll(async () => {
      // The org was imported 40 days ago: catch-up only runs what fired after the org existed.
      t = await createTestApp({ now: new Date(NOW - 40 * DAY).toISOString() });
      t.clock.set(new Date(NOW).toISOString());
    });
    afterAll(async () => t?.close());

    it('catches up the weekly report of the week before the last Monday 09:00, and the assessment of the month before the last 1st 08:00, once', async () => {
      // The last Monday 09:00 at or before now, and the last 1st of a month 08:00 (both Asia/Shanghai).
      const daysSinceMonday = local.weekday - 1;
      const beforeNineOnMonday = daysSinceMonday === 0 && local.hour < 9;
      const lastMonday = dateOf(shanghai(Date.parse(`${today}T12:00:00+08:00`) - (beforeNineOnMonday ? 7 : daysSinceMonday) * DAY));
      const weeklyPeriod = isoWeekKey(dateOf(shanghai(Date.parse(`${lastMonday}T12:00:00+08:00`) - 7 * DAY)));
      const beforeEightOnFirst = local.day === 1 && local.hour < 8;
      const assessmentPeriod = monthBefore(beforeEightOnFirst ? monthBefore(today.slice(0, 7)) : today.slice(0, 7));

      const { outcomes: first } = await catchUpMissedRuns(t.app.jobs, { now: NOW, timezone: ZONE, schedules: t.config.schedules });
      const ran = Object.fromEntries(first.map((outcome) => [outcome.job, outcome]));
      expect(ran['weekly-report']).toMatchObject({ status: 'succeeded', periodKey: weeklyPeriod });
      expect(ran.assessment).toMatchObject({ periodKey: assessmentPeriod });
      expect((await catchUpMissedRuns(t.app.jobs, { now: NOW + 60_000, timezone: ZONE, schedules: t.config.schedules })).outcomes).toEqual([]);
    });

    it("a rep's visit of today counts in this month's 业绩", async () => {
      const zhang = await kpiRecords(t.db, 'S101');
      await zhang.visits([await zhang.customer(new Date(NOW - 40 * DAY).toISOString())], 1, today, 'located');
      const text = replyText((await sandboxChat(t.app, 'S101').say('业绩')).at(-1)!);
      expect(text).toContain(`张三 的业绩 · ${today.slice(0, 7)}`);
      expect(text).toMatch(/拜访次数\** 1 \//);
    });
  });
});
