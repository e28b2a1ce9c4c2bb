import type { DirectorySource } from '../domain/org/directory.js';
import type { AssessmentDeps } from '../features/assessment/deps.js';
import type { AppDeps } from '../features/deps.js';
import type { OnProgress } from '../features/progress.js';

/**
 * What jobs run with: the app's dependencies (no channel), the assessment features' and the
 * address books of the enabled platforms that have one (read at run time: Feishu joins late).
 */
export interface JobDeps extends AppDeps {
  assessment: AssessmentDeps;
  directories(): DirectorySource[];
}

/**
 * A scheduled job. run() is a plain function of its dependencies and a clock reading, so tests call
 * it directly with a fixed time, the scheduler calls it on its cron, and the admin API and the CLI
 * call it on demand.
 */
export interface JobContext {
  now: number;
  /** The period this run covers (e.g. "2026-W48"); one run per job and period. */
  periodKey: string;
  /** A long job says how far it got (recipients done of total): stored on its run row for GET /admin/jobs/runs/:id. */
  progress?: OnProgress;
}

/**
 * Why a run did nothing. An idle run does not use up its period: the next run (schedule, catch-up
 * or by hand) tries again, so a service started before its org was imported still sends later.
 */
export type IdleReason = 'no-org' | 'no-recipients' | 'nothing-to-assess';

/** What one run did, in counts the admin API and the CLI turn into words. */
export interface JobResult {
  /** Messages this run queued in the outbox. */
  sent: number;
  /** Messages whose outbox key an earlier run had already queued: not sent again. */
  alreadySent: number;
  /** People or items left out, by reason (e.g. unsubscribed, unreachable). */
  skipped: Record<string, number>;
  /** Set when the run found nothing to do; the period stays open for a later run. */
  idle?: IdleReason;
  /** The job's own figures (cards per kind, alerts found, ...). */
  details: Record<string, unknown>;
}

export interface JobDefinition {
  name: string;
  description: string;
  /** Default cron expression, in APP_TIMEZONE. */
  schedule: string;
  /**
   * Run at start-up a scheduled run that was missed while the service was down (e.g. the weekly report
   * when the service starts at 10:00 on Monday). Only for jobs whose period is fixed by the schedule.
   */
  catchUp?: boolean;
  /**
   * The job works on the org (sends to its people, assesses its reps): with no active user it is not
   * run at all and the run is recorded idle (`no-org`). The org sync, which creates the org, is not.
   */
  needsOrg?: boolean;
  /** The period a run at `now` covers when no period is given. */
  periodFor(now: number, timezone: string): string;
  /** Validates a period given by hand; returns an error message or null. */
  validatePeriod(periodKey: string): string | null;
  run(deps: JobDeps, context: JobContext): Promise<JobResult>;
}

/** A run that only did work and sent nothing (sync, clean-up). */
export function quietResult(details: Record<string, unknown>): JobResult {
  return { sent: 0, alreadySent: 0, skipped: {}, details };
}
