import { createTask } from 'node-cron';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema/index.js';
import type { JobRunner, JobRunOutcome } from './runner.js';

const MINUTE = 60_000;

/**
 * The most recent instant at or before `now` when the cron expression fired, looking back at most
 * `lookbackMs` (default 35 days: covers monthly schedules). Minute resolution, in the given zone.
 */
export function lastFireTime(expression: string, timezone: string, now: number, lookbackMs = 35 * 24 * 60 * MINUTE): number | null {
  const task = createTask(expression, () => undefined, { timezone });
  try {
    const start = Math.floor(now / MINUTE) * MINUTE;
    for (let t = start; t >= now - lookbackMs; t -= MINUTE) {
      if (task.match(new Date(t))) return t;
    }
    return null;
  } finally {
    void task.destroy();
  }
}

/**
 * At start-up: for each catch-up job, find the schedule's last fire time; if the period it would
 * have covered has no successful run yet, run it now, once (the job_runs row makes it once across
 * instances).
 */
export async function catchUpMissedRuns(
  runner: JobRunner,
  db: Db,
  options: { now: number; timezone: string; schedules?: Record<string, string> },
): Promise<JobRunOutcome[]> {
  const outcomes: JobRunOutcome[] = [];
  for (const job of runner.jobs) {
    if (!job.catchUp) continue;
    const fired = lastFireTime(options.schedules?.[job.name] ?? job.schedule, options.timezone, options.now);
    if (fired === null) continue;
    const periodKey = job.periodFor(fired, options.timezone);
    const ran = db.select({ status: jobRuns.status }).from(jobRuns).where(and(eq(jobRuns.job, job.name), eq(jobRuns.periodKey, periodKey))).get();
    if (ran && ran.status === 'succeeded') continue;
    // A 'running' row at start-up is normally a run cut short by a crash: run it again. Should another
    // instance really be running it, the outbox's idempotency keys still send each message once.
    outcomes.push(await runner.run(job.name, { trigger: 'catch-up', periodKey, now: options.now, takeOverRunning: ran?.status === 'running' }));
  }
  return outcomes;
}
