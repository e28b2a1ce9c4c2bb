import { createTask } from 'node-cron';
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

/** Why catch-up left a job alone (logged at start-up, returned for tests). */
export type CatchUpSkip = { job: string; reason: 'no-org' | 'before-org' | 'done'; periodKey?: string };

/**
 * At start-up: for each catch-up job, find the schedule's last fire time; if the period it would
 * have covered has no successful run yet, run it now, once (the job_runs row makes it once across
 * instances). Only what this install could really have missed: nothing while the org is empty, and
 * no fire time from before the org existed (a tenant installed on the 10th did not miss the 1st).
 */
export async function catchUpMissedRuns(
  runner: JobRunner,
  options: { now: number; timezone: string; schedules?: Record<string, string> },
): Promise<{ outcomes: JobRunOutcome[]; skipped: CatchUpSkip[] }> {
  const outcomes: JobRunOutcome[] = [];
  const skipped: CatchUpSkip[] = [];
  const orgSince = await runner.orgSince();
  for (const job of runner.jobs) {
    if (!job.catchUp) continue;
    if (orgSince === null) {
      skipped.push({ job: job.name, reason: 'no-org' });
      continue;
    }
    const fired = lastFireTime(options.schedules?.[job.name] ?? job.schedule, options.timezone, options.now);
    if (fired === null) continue;
    const periodKey = job.periodFor(fired, options.timezone);
    if (fired < orgSince) {
      skipped.push({ job: job.name, reason: 'before-org', periodKey });
      continue;
    }
    const ran = await runner.findRun(job.name, periodKey);
    if (ran?.status === 'succeeded') {
      skipped.push({ job: job.name, reason: 'done', periodKey });
      continue;
    }
    // A 'running' row at start-up is normally a run cut short by a crash: run it again. Should another
    // instance really be running it, the outbox's idempotency keys still send each message once.
    outcomes.push(await runner.run(job.name, { trigger: 'catch-up', periodKey, now: options.now, takeOverRunning: ran?.status === 'running' }));
  }
  return { outcomes, skipped };
}
