import type { FastifyInstance } from 'fastify';
import type { ScheduledTask } from 'node-cron';
import { buildApp } from './app.js';
import { loadConfig, startupWarnings, type Config } from './config.js';
import { closeAppDatabase, openConfiguredDatabase, type Db } from './db/client.js';
import { catchUpMissedRuns } from './jobs/catch-up.js';
import { startScheduler } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { createMetricsServer } from './http/metrics-route.js';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  config: Config;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations, builds the app, listens and starts the schedules.
 * Shared by main.ts and the demo; throws ConfigError for a bad environment.
 */
export async function startServer(
  env: Record<string, string | undefined>,
  options: { beforeListen?: (db: Db, config: Config) => Promise<void> | void; prettyLogs?: boolean } = {},
): Promise<RunningServer> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, { pretty: options.prettyLogs ?? false });
  for (const warning of startupWarnings(config)) logger.warn({ startup: 'config' }, `!!! ${warning} !!!`);
  // The pool replaces a broken idle connection; the message, not the URL, is logged.
  const db = await openConfiguredDatabase(config, (error) => logger.warn({ err: { message: error.message } }, 'PostgreSQL dropped an idle connection'));
  await options.beforeListen?.(db, config);
  const app = await buildApp({ config, db, logger });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // METRICS_PORT: a second small listener with GET /metrics only.
  const metricsServer = app.metrics && config.metrics.port !== undefined ? createMetricsServer(app.metrics, app.log) : undefined;
  if (metricsServer) await metricsServer.listen({ port: config.metrics.port, host: config.host });

  // Resume whatever was pending or in flight when the process last stopped: messages acknowledged
  // but not handled, then the outbox. The periodic sweep below waits for it rather than run beside it.
  let sweep: Promise<unknown> | undefined = app.bot
    .resumeReceived()
    .then((handled) => handled > 0 && logger.info({ handled }, 'handled messages received before the last stop'))
    .catch((error: unknown) => logger.error({ err: error }, 'resuming received messages failed'))
    .finally(() => (sweep = undefined));
  // A message another instance stored and then died with (SIGKILL, OOM) would otherwise wait for the next start.
  const sweeper =
    config.resumeReceivedAfterMs > 0
      ? setInterval(() => {
          sweep ??= app.bot
            .resumeReceived(Date.now() - config.resumeReceivedAfterMs)
            .then((handled) => handled > 0 && logger.warn({ handled }, 'handled messages stored but left unhandled (their instance stopped)'))
            .catch((error: unknown) => logger.error({ err: error }, 'resuming received messages failed'))
            .finally(() => (sweep = undefined));
        }, Math.max(1_000, Math.floor(config.resumeReceivedAfterMs / 2)))
      : undefined;
  sweeper?.unref();
  app.botDeps.outbox.start();
  let tasks: ScheduledTask[] = [];
  if (config.jobsEnabled) {
    tasks = startScheduler(app.jobs, { timezone: config.timezone, logger, schedules: config.schedules });
    // A run missed while the service was down (started at 10:00 on Monday) is caught up once.
    void catchUpMissedRuns(app.jobs, { now: Date.now(), timezone: config.timezone, schedules: config.schedules })
      .then(({ skipped }) => {
        if (skipped.length > 0) logger.info({ skipped }, 'catch-up left jobs alone');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'catch-up of missed job runs failed'));
  }

  let stopped = false;
  return {
    app,
    db,
    config,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const task of tasks) await task.stop();
      clearInterval(sweeper);
      await sweep;
      await metricsServer?.close();
      await app.close();
      await closeAppDatabase(db);
    },
  };
}
