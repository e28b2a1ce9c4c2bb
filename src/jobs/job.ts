import type { BotDeps } from '../bot/deps.js';

/**
 * A scheduled job. run() is a plain function of its dependencies and a clock reading, so tests call
 * it directly with a fixed time, the scheduler calls it on its cron, and the admin API and the CLI
 * call it on demand.
 */
export interface JobContext {
  now: number;
  /** The period this run covers (e.g. "2026-W48"); one run per job and period. */
  periodKey: string;
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
  /** The period a run at `now` covers when no period is given. */
  periodFor(now: number, timezone: string): string;
  /** Validates a period given by hand; returns an error message or null. */
  validatePeriod(periodKey: string): string | null;
  run(deps: BotDeps, context: JobContext): Promise<Record<string, unknown>>;
}
