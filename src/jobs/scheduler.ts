import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { JobRunner } from './runner.js';

/**
 * Starts one node-cron task per job, in APP_TIMEZONE. Called from main.ts only, so tests and the CLI
 * never start timers. Overlaps are harmless: the runner's (job, period) row lets one run through.
 */
export function startScheduler(runner: JobRunner, options: { timezone: string; logger: Logger; schedules?: Record<string, string> }): ScheduledTask[] {
  return runner.jobs.map((job) => {
    const expression = options.schedules?.[job.name] ?? job.schedule;
    return cron.schedule(
      expression,
      async () => {
        try {
          await runner.run(job.name, { trigger: 'schedule' });
        } catch (error) {
          options.logger.error({ job: job.name, err: error }, 'scheduled job threw');
        }
      },
      { timezone: options.timezone, name: job.name, noOverlap: true },
    );
  });
}

export function validateCronExpression(expression: string): boolean {
  return cron.validate(expression);
}
