import { and, eq } from 'drizzle-orm';
import type { BotDeps } from '../bot/deps.js';
import { jobRuns } from '../db/schema/index.js';
import { AppError } from '../domain/errors.js';
import type { JobDefinition } from './job.js';

export type JobTrigger = 'schedule' | 'manual' | 'catch-up' | 'cli';

export type JobRunOutcome =
  | { status: 'succeeded'; job: string; periodKey: string; result: Record<string, unknown> }
  | { status: 'skipped'; job: string; periodKey: string; reason: 'already-ran' | 'running'; previous: { startedAt: number; trigger: string } }
  | { status: 'failed'; job: string; periodKey: string; error: string };

/**
 * Runs a job for a period at most once: the unique (job, period_key) row is claimed first, so a
 * restart, an overlap, a manual run or a second instance cannot run the same period twice. A failed
 * run can be tried again.
 */
export function createJobRunner(deps: BotDeps, jobs: JobDefinition[]) {
  const byName = new Map(jobs.map((j) => [j.name, j]));

  function get(name: string): JobDefinition {
    const job = byName.get(name);
    if (!job) throw new AppError('UNKNOWN_JOB', `unknown job ${name}`, { params: { job: name, known: [...byName.keys()].join(', ') } });
    return job;
  }

  function claim(job: string, periodKey: string, trigger: JobTrigger, now: number, takeOverRunning: boolean): JobRunOutcome | null {
    const db = deps.db;
    return db.$client.transaction(() => {
      const existing = db.select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, periodKey))).get();
      if (existing && existing.status !== 'failed' && !(takeOverRunning && existing.status === 'running')) {
        return {
          status: 'skipped' as const,
          job,
          periodKey,
          reason: existing.status === 'running' ? ('running' as const) : ('already-ran' as const),
          previous: { startedAt: existing.startedAt, trigger: existing.trigger },
        };
      }
      if (existing) {
        db.update(jobRuns).set({ status: 'running', trigger, startedAt: now, finishedAt: null, error: null }).where(eq(jobRuns.id, existing.id)).run();
      } else {
        db.insert(jobRuns).values({ job, periodKey, trigger, status: 'running', startedAt: now }).run();
      }
      return null;
    }).immediate();
  }

  return {
    jobs,
    get,
    /**
     * takeOverRunning: run even if the period is marked 'running' — used at start-up, when such a row is
     * normally left by a process that died mid-run. Safe because jobs enqueue with idempotency keys.
     */
    async run(name: string, options: { trigger: JobTrigger; periodKey?: string; now?: number; takeOverRunning?: boolean }): Promise<JobRunOutcome> {
      const job = get(name);
      const now = options.now ?? deps.clock();
      const periodKey = options.periodKey ?? job.periodFor(now, deps.config.timezone);
      const invalid = job.validatePeriod(periodKey);
      if (invalid) throw new AppError('VALIDATION_FAILED', invalid, { params: { reason: invalid } });
      const skipped = claim(name, periodKey, options.trigger, now, options.takeOverRunning ?? false);
      if (skipped) return skipped;
      try {
        const result = await job.run(deps, { now, periodKey });
        deps.db
          .update(jobRuns)
          .set({ status: 'succeeded', finishedAt: deps.clock(), result })
          .where(and(eq(jobRuns.job, name), eq(jobRuns.periodKey, periodKey)))
          .run();
        deps.logger.info({ job: name, periodKey, trigger: options.trigger, result }, 'job succeeded');
        return { status: 'succeeded', job: name, periodKey, result };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.db
          .update(jobRuns)
          .set({ status: 'failed', finishedAt: deps.clock(), error: message })
          .where(and(eq(jobRuns.job, name), eq(jobRuns.periodKey, periodKey)))
          .run();
        deps.logger.error({ job: name, periodKey, err: error }, 'job failed');
        return { status: 'failed', job: name, periodKey, error: message };
      }
    },
    listRuns(limit = 50) {
      return deps.db.select().from(jobRuns).orderBy(jobRuns.id).limit(limit).all();
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
