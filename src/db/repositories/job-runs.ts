import { and, desc, eq } from 'drizzle-orm';
import { inSyncImmediateTransaction, asyncRepository, type Db } from '../client.js';
import { jobRuns } from '../schema/index.js';

export type JobRunRow = typeof jobRuns.$inferSelect;
export type JobRunStatus = JobRunRow['status'];
export type JobRunTrigger = JobRunRow['trigger'];

/** Statuses that use up a period: a later run of it is skipped unless forced. */
const FINAL: ReadonlySet<JobRunStatus> = new Set(['succeeded']);

export type ClaimRefusal = { reason: 'already-ran' | 'running'; previous: JobRunRow };

/** The job_runs table: one row per job and period, claimed before a run and closed after it. */
export function createJobRunsRepository(db: Db) {
  const find = (job: string, periodKey: string) => db.select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, periodKey))).get();

  return asyncRepository(db, {
    find,

    /**
     * Claims (job, period) for a run, atomically (BEGIN IMMEDIATE): refused while another run holds it,
     * or once a run succeeded, unless `force`. An idle or failed period is open to the next run.
     * `takeOverRunning` claims a 'running' row too: at start-up it is normally left by a crash.
     */
    claim(input: { job: string; periodKey: string; trigger: JobRunTrigger; now: number; force: boolean; takeOverRunning: boolean }): ClaimRefusal | null {
      return inSyncImmediateTransaction(db, (): ClaimRefusal | null => {
        const existing = find(input.job, input.periodKey);
        if (existing?.status === 'running' && !input.takeOverRunning) return { reason: 'running', previous: existing };
        if (existing && FINAL.has(existing.status) && !input.force) return { reason: 'already-ran', previous: existing };
        if (existing) {
          db.update(jobRuns)
            .set({ status: 'running', trigger: input.trigger, startedAt: input.now, finishedAt: null, error: null, progressDone: null, progressTotal: null })
            .where(eq(jobRuns.id, existing.id))
            .run();
        } else {
          db.insert(jobRuns).values({ job: input.job, periodKey: input.periodKey, trigger: input.trigger, status: 'running', startedAt: input.now }).run();
        }
        return null;
      });
    },

    finish(job: string, periodKey: string, outcome: { status: 'succeeded' | 'idle'; at: number; result: unknown } | { status: 'failed'; at: number; error: string }): void {
      db.update(jobRuns)
        .set(outcome.status === 'failed' ? { status: 'failed', finishedAt: outcome.at, error: outcome.error } : { status: outcome.status, finishedAt: outcome.at, result: outcome.result })
        .where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, periodKey)))
        .run();
    },

    /** How far a running job got (e.g. recipients done of total). */
    progress(job: string, periodKey: string, done: number, total: number): void {
      db.update(jobRuns).set({ progressDone: done, progressTotal: total }).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, periodKey))).run();
    },

    byId(id: number): JobRunRow | undefined {
      return db.select().from(jobRuns).where(eq(jobRuns.id, id)).get();
    },

    /** The newest runs first. */
    list(limit = 50): JobRunRow[] {
      return db.select().from(jobRuns).orderBy(desc(jobRuns.id)).limit(limit).all();
    },
  });
}

export type JobRunsRepository = ReturnType<typeof createJobRunsRepository>;
