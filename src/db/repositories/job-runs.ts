import { and, desc, eq } from 'drizzle-orm';
import { asyncRepository, inTransaction, type Db } from '../client.js';
import { lockedForUpdate, tablesOf } from '../dialect.js';
import type { jobRuns } from '../schema/index.js';

export type JobRunRow = typeof jobRuns.$inferSelect;
export type JobRunStatus = JobRunRow['status'];
export type JobRunTrigger = JobRunRow['trigger'];

/** Statuses that use up a period: a later run of it is skipped unless forced. */
const FINAL: ReadonlySet<JobRunStatus> = new Set(['succeeded']);

export type ClaimRefusal = { reason: 'already-ran' | 'running'; previous: JobRunRow };

/** The job_runs table: one row per job and period, claimed before a run and closed after it. */
export function createJobRunsRepository(db: Db) {
  const { jobRuns } = tablesOf(db);
  const ofPeriod = (job: string, periodKey: string) => and(eq(jobRuns.job, job), eq(jobRuns.periodKey, periodKey));
  const find = async (job: string, periodKey: string): Promise<JobRunRow | undefined> => (await db.select().from(jobRuns).where(ofPeriod(job, periodKey)).limit(1))[0];

  return asyncRepository(db, {
    find,

    /**
     * Claims (job, period) for a run, atomically: refused while another run holds it, or once a run
     * succeeded, unless `force`. An idle or failed period is open to the next run. `takeOverRunning`
     * claims a 'running' row too: at start-up it is normally left by a crash.
     * The unique (job, period) key decides a first run: of two instances inserting at once, one
     * inserts, the other finds the row. A later run reads the row locked (FOR UPDATE on PostgreSQL,
     * BEGIN IMMEDIATE on SQLite), so two instances never both reopen it.
     */
    async claim(input: { job: string; periodKey: string; trigger: JobRunTrigger; now: number; force: boolean; takeOverRunning: boolean }): Promise<ClaimRefusal | null> {
      return inTransaction(db, async (): Promise<ClaimRefusal | null> => {
        const inserted = await db
          .insert(jobRuns)
          .values({ job: input.job, periodKey: input.periodKey, trigger: input.trigger, status: 'running', startedAt: input.now })
          .onConflictDoNothing()
          .returning({ id: jobRuns.id });
        if (inserted.length === 1) return null;
        const [existing] = await lockedForUpdate(db, db.select().from(jobRuns).where(ofPeriod(input.job, input.periodKey)).limit(1));
        if (!existing) throw new Error(`job run ${input.job} ${input.periodKey}: neither inserted nor found`);
        if (existing.status === 'running' && !input.takeOverRunning) return { reason: 'running', previous: existing };
        if (FINAL.has(existing.status) && !input.force) return { reason: 'already-ran', previous: existing };
        await db
          .update(jobRuns)
          .set({ status: 'running', trigger: input.trigger, startedAt: input.now, finishedAt: null, error: null, progressDone: null, progressTotal: null })
          .where(eq(jobRuns.id, existing.id));
        return null;
      });
    },

    async finish(job: string, periodKey: string, outcome: { status: 'succeeded' | 'idle'; at: number; result: unknown } | { status: 'failed'; at: number; error: string }): Promise<void> {
      await db
        .update(jobRuns)
        .set(outcome.status === 'failed' ? { status: 'failed', finishedAt: outcome.at, error: outcome.error } : { status: outcome.status, finishedAt: outcome.at, result: outcome.result })
        .where(ofPeriod(job, periodKey));
    },

    /** How far a running job got (e.g. recipients done of total). */
    async progress(job: string, periodKey: string, done: number, total: number): Promise<void> {
      await db.update(jobRuns).set({ progressDone: done, progressTotal: total }).where(ofPeriod(job, periodKey));
    },

    async byId(id: number): Promise<JobRunRow | undefined> {
      return (await db.select().from(jobRuns).where(eq(jobRuns.id, id)).limit(1))[0];
    },

    /** The newest runs first. */
    async list(limit = 50): Promise<JobRunRow[]> {
      return await db.select().from(jobRuns).orderBy(desc(jobRuns.id)).limit(limit);
    },
  });
}

export type JobRunsRepository = ReturnType<typeof createJobRunsRepository>;
