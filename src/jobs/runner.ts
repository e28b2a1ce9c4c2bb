import { createJobRunsRepository, type JobRunTrigger } from '../db/repositories/job-runs.js';
import { AppError } from '../domain/errors.js';
import { translateProblem } from '../i18n/problem-text.js';
import { isProblemError } from '../domain/problem.js';
import type { OnProgress } from '../features/progress.js';
import type { IdleReason, JobDefinition, JobDeps, JobResult } from './job.js';
import { createRunProgress } from './run-progress.js';

export type JobTrigger = JobRunTrigger;

interface RunIdentity {
  job: string;
  periodKey: string;
  /** The run went ahead although the period had already run (`force`). */
  forced: boolean;
}

export type JobRunOutcome =
  | (RunIdentity & { status: 'succeeded'; result: JobResult })
  /** Nothing to do (no org, nobody to send to): recorded, and the period stays open for the next run. */
  | (RunIdentity & { status: 'idle'; reason: IdleReason; result: JobResult })
  | (RunIdentity & { status: 'skipped'; reason: 'already-ran' | 'running'; previous: { startedAt: number; trigger: string; status: string } })
  | (RunIdentity & { status: 'failed'; error: string });

export interface RunOptions {
  trigger: JobTrigger;
  periodKey?: string;
  now?: number;
  /** Run a period that already succeeded again. Sends go through the same outbox keys, so nobody gets a card twice. */
  force?: boolean;
  /**
   * Run even if the period is marked 'running': used at start-up, when such a row is normally left by
   * a process that died mid-run. Safe because jobs enqueue with idempotency keys.
   */
  takeOverRunning?: boolean;
  /** Also told of the run's progress (the CLI draws a bar with it). */
  onProgress?: OnProgress;
}

const noOrgResult: JobResult = { sent: 0, alreadySent: 0, skipped: {}, idle: 'no-org', details: {} };

/**
 * Runs a job for a period at most once: the unique (job, period_key) row is claimed first, so a
 * restart, an overlap, a manual run or a second instance cannot run the same period twice. A failed
 * or idle run leaves the period open; a forced run may repeat a succeeded one.
 */
export function createJobRunner(deps: JobDeps, jobs: JobDefinition[]) {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const runs = createJobRunsRepository(deps.db);

  function get(name: string): JobDefinition {
    const job = byName.get(name);
    if (!job) throw new AppError('UNKNOWN_JOB', `unknown job ${name}`, { params: { job: name, known: [...byName.keys()].join(', ') } });
    return job;
  }

  async function execute(job: JobDefinition, periodKey: string, now: number, onProgress: OnProgress | undefined): Promise<JobResult> {
    if (job.needsOrg && (await deps.org.activeSince()) === null) return noOrgResult;
    const progress = createRunProgress((done, total) => runs.progress(job.name, periodKey, done, total), onProgress);
    return job.run(deps, { now, periodKey, progress });
  }

  return {
    jobs,
    get,
    async run(name: string, options: RunOptions): Promise<JobRunOutcome> {
      const job = get(name);
      const now = options.now ?? deps.clock();
      const periodKey = options.periodKey ?? job.periodFor(now, deps.config.timezone);
      const invalid = job.validatePeriod(periodKey);
      if (invalid) throw new AppError('VALIDATION_FAILED', invalid, { params: { reason: invalid } });
      const force = options.force ?? false;
      const refused = await runs.claim({ job: name, periodKey, trigger: options.trigger, now, force, takeOverRunning: options.takeOverRunning ?? false });
      if (refused) {
        const { previous } = refused;
        return { status: 'skipped', job: name, periodKey, forced: force, reason: refused.reason, previous: { startedAt: previous.startedAt, trigger: previous.trigger, status: previous.status } };
      }
      try {
        const result = await execute(job, periodKey, now, options.onProgress);
        const status = result.idle ? 'idle' : 'succeeded';
        await runs.finish(name, periodKey, { status, at: deps.clock(), result });
        deps.logger.info({ job: name, periodKey, trigger: options.trigger, forced: force, status, sent: result.sent, alreadySent: result.alreadySent, idle: result.idle }, 'job finished');
        return result.idle
          ? { status: 'idle', job: name, periodKey, forced: force, reason: result.idle, result }
          : { status: 'succeeded', job: name, periodKey, forced: force, result };
      } catch (error) {
        // A Problem is recorded in both languages, as the admin API and the CLI show it.
        const message = isProblemError(error) ? `${translateProblem('zh', error.problem)} (${translateProblem('en', error.problem)})` : error instanceof Error ? error.message : String(error);
        await runs.finish(name, periodKey, { status: 'failed', at: deps.clock(), error: message });
        deps.logger.error({ job: name, periodKey, err: error }, 'job failed');
        return { status: 'failed', job: name, periodKey, forced: force, error: message };
      }
    },
    listRuns(limit = 50) {
      return runs.list(limit);
    },
    /** When the org began (null while it is empty): catch-up does not go back before it. */
    orgSince(): Promise<number | null> {
      return deps.org.activeSince();
    },
    findRun(name: string, periodKey: string) {
      return runs.find(name, periodKey);
    },
    findRunById(id: number) {
      return runs.byId(id);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
