import type { CommandDefinition } from '../bot/command.js';
import type { JobRunner } from '../jobs/runner.js';
import type { BotHandler } from '../platforms/channel.js';
import type { Metrics } from './metrics.js';

/** Seconds since `started` (a performance.now() reading): durations only, never a business time. */
const secondsSince = (started: number) => (performance.now() - started) / 1000;

async function timed<T>(observe: (seconds: number) => void, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    observe(secondsSince(started));
  }
}

/** The commands with each typed-text and card-action handler timed under the command's name. */
export function instrumentCommands(commands: CommandDefinition[], metrics: Metrics): CommandDefinition[] {
  return commands.map((command) => {
    const observe = (seconds: number) => metrics.commandDuration.observe({ command: command.name }, seconds);
    const { onText, actions } = command;
    return {
      ...command,
      ...(onText ? { onText: (ctx, rest) => timed(observe, () => onText(ctx, rest)) } : {}),
      ...(actions
        ? { actions: Object.fromEntries(Object.entries(actions).map(([key, handler]) => [key, (ctx, action, form) => timed(observe, () => handler(ctx, action, form))])) }
        : {}),
    } satisfies CommandDefinition;
  });
}

/** The bot as the platforms see it: every event they hand over is counted by platform and kind. */
export function instrumentInbound(bot: Required<BotHandler>, metrics: Metrics): Required<BotHandler> {
  return {
    handleMessage(event) {
      metrics.inboundEvents.inc({ platform: event.platform, kind: 'message' });
      return bot.handleMessage(event);
    },
    receiveMessage(event) {
      metrics.inboundEvents.inc({ platform: event.platform, kind: 'message' });
      return bot.receiveMessage(event);
    },
    handleAction(event) {
      metrics.inboundEvents.inc({ platform: event.platform, kind: 'action' });
      return bot.handleAction(event);
    },
    settle: (withinMs) => bot.settle(withinMs),
  };
}

/** The runner with every run counted by job and outcome (the scheduler, catch-up, admin API and CLI all go through it). */
export function instrumentJobRunner(runner: JobRunner, metrics: Metrics): JobRunner {
  return {
    ...runner,
    async run(name, options) {
      try {
        const outcome = await runner.run(name, options);
        metrics.jobRuns.inc({ job: name, result: outcome.status });
        return outcome;
      } catch (error) {
        // A name typed wrong is not a job: no label for it.
        if (runner.jobs.some((job) => job.name === name)) metrics.jobRuns.inc({ job: name, result: 'error' });
        throw error;
      }
    },
  };
}
