import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { CARD_TEMPLATES } from '../cards/index.js';
import { validateTemplates } from '../cards/define.js';
import { adminRoutes } from './admin/routes.js';
import { assessmentAdminRoutes } from './admin/assessment-routes.js';
import { kpiAdminRoutes } from './admin/kpi-routes.js';
import type { Clock } from './bot/deps.js';
import type { BotDeps } from './bot/deps.js';
import { createCommands } from './bot/commands/index.js';
import { createBot, type Bot } from './bot/pipeline.js';
import type { Config } from './config.js';
import { migrationsApplied, pingDatabase, type Db } from './db/client.js';
import { createCardRecipients } from './db/repositories/card-recipients.js';
import { createCallbackReplays } from './db/repositories/dingtalk-callback-replays.js';
import { createOutboxStore } from './db/repositories/outbox-store.js';
import { createOrgRepository } from './db/repositories/org-repository.js';
import { createProcessedEvents } from './db/repositories/processed-events.js';
import { createSandboxTranscript } from './db/repositories/sandbox-transcript.js';
import { ensureDefaultSalesChannels } from './db/repositories/sales-channel-repository.js';
import { ensureDefaultKpiTemplate } from './db/repositories/kpi-template-repository.js';
import { ensureDefaultRequiredFields } from './db/repositories/completeness-repository.js';
import { isAppError } from './domain/errors.js';
import { translateProblem } from './i18n/problem-text.js';
import { isProblemError } from './domain/problem.js';
import { createJobs } from './jobs/index.js';
import { createJobRunner, type JobRunner } from './jobs/runner.js';
import type { Channel, PlatformName } from './platforms/channel.js';
import { createOutbox } from './outbox/outbox.js';
import { noteFailedGroupPost } from './features/group-chats/gone.js';
import { createAssessmentDeps, createAssessmentNotifier } from './features/assessment/index.js';
import { extendDeps, type AppDeps as FeatureDeps } from './features/deps.js';
import { recordPlatformTask } from './features/next-steps/platform-tasks.js';
import { dingtalk } from './platforms/dingtalk/index.js';
import { feishu } from './platforms/feishu/index.js';
import type { LoginProvider } from './platforms/login.js';
import type { PlatformParts, PlatformStores } from './platforms/platform.js';
import { sandbox } from './platforms/sandbox/index.js';
import { registerRateLimits } from './http/rate-limits.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerMetricsRoute } from './http/metrics-route.js';
import { instrumentCommands, instrumentInbound, instrumentJobRunner } from './metrics/instrument.js';
import type { Metrics } from './metrics/metrics.js';
import { webPlugin } from './web/plugin.js';
import { localeOf } from './web/request-context.js';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock?: Clock;
  /** The built H5 front-end; defaults to dist/web. Tests pass null to see the "not built" page. */
  webBundleDir?: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    bot: Bot;
    jobs: JobRunner;
    botDeps: BotDeps;
    /** The enabled platforms' channels: held here and by the outbox only (tests put fakes in). */
    platformChannels: Map<PlatformName, Channel>;
    /** The app's Prometheus metrics; null unless METRICS_PORT or METRICS_TOKEN asks for them. */
    metrics: Metrics | null;
  }
}

/**
 * Builds the whole HTTP app from explicit dependencies. It never listens: tests use app.inject and
 * main.ts calls listen. Platform receivers are registered only for the platforms that are enabled.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? Date.now;
  validateTemplates(CARD_TEMPLATES);

  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Feishu callbacks are small; 1 MB covers every legitimate body and refuses floods early.
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        error: 'VALIDATION_FAILED',
        issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    }
    // A feature's refusal, worded here in the caller's language (the H5 session's, else x-locale, else Chinese).
    if (isProblemError(error)) {
      const locale = request.web?.locale ?? localeOf(request);
      return reply.code(error.status).send({ error: error.code, key: error.problem.key, message: translateProblem(locale, error.problem) });
    }
    if (isAppError(error)) {
      return reply.code(error.status).send({ error: error.code, message: typeof error.params.reason === 'string' ? error.params.reason : error.message });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: (error as { code?: string }).code ?? 'BAD_REQUEST', message: (error as Error).message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: 'INTERNAL', message: 'internal error' });
  });

  const org = createOrgRepository(deps.db);
  // Seed the managed lists only on a migrated database (readyz reports an unmigrated one).
  if (migrationsApplied(deps.db)) {
    await ensureDefaultSalesChannels(deps.db, clock());
    await ensureDefaultRequiredFields(deps.db, clock());
    await ensureDefaultKpiTemplate(deps.db, clock());
  }
  // Filled by the platforms below, in the loop's order (feishu, dingtalk, sandbox: the push preference order).
  const channels = new Map<PlatformName, Channel>();

  const { port: metricsPort, token: metricsToken } = deps.config.metrics;
  // prom-client is loaded only when metrics are asked for.
  const metrics =
    metricsPort !== undefined || metricsToken !== undefined ? (await import('./metrics/metrics.js')).createMetrics({ db: deps.db, databasePath: deps.config.databasePath, clock }) : null;
  const onDelivery = metrics ? (platform: PlatformName, result: string) => metrics.outboxSends.inc({ platform, result }) : undefined;
  // A group post the platform refuses for good (bot removed, group dissolved) stops that group's posts and tells the admins.
  const onFailed: Parameters<typeof createOutbox>[0]['onFailed'] = (row, failure) => noteFailedGroupPost(appDeps, row, failure);
  // A sent platform task's id is kept on its next step (appDeps is built just below, before any send).
  const onSent: Parameters<typeof createOutbox>[0]['onSent'] = (sent) => recordPlatformTask(appDeps, sent);
  const outbox = createOutbox({ store: createOutboxStore(deps.db), channels, clock, logger: deps.logger, onFailed, onSent, ...(onDelivery ? { onDelivery } : {}), settings: { maxAttempts: deps.config.outboxMaxAttempts, leaseMs: deps.config.outboxLeaseMs, concurrency: deps.config.outboxConcurrency } });
  // A getter: the platforms join the channels once the bot they hand events to exists.
  const appDeps: FeatureDeps = {
    config: deps.config,
    db: deps.db,
    clock,
    logger: deps.logger,
    org,
    outbox,
    get platforms() {
      return [...channels.keys()];
    },
    fetchResource(ref, maxBytes) {
      const channel = channels.get(ref.platform);
      if (!channel?.fetchResource) return Promise.reject(new Error(`${ref.platform} cannot download message files`));
      return channel.fetchResource(ref, maxBytes);
    },
    async checkGroup(platform, chatId) {
      const channel = channels.get(platform);
      return channel?.checkGroup ? channel.checkGroup(chatId) : undefined;
    },
  };
  // One notifier for the app: the chat, the H5 pages, the admin API and the jobs share it.
  const assessment = createAssessmentDeps(appDeps, createAssessmentNotifier(appDeps));
  const botDeps: BotDeps = extendDeps(appDeps, { assessment });
  const bot = createBot(botDeps, metrics ? instrumentCommands(createCommands(), metrics) : createCommands());
  // Jobs get no channel: only the address books of the platforms that have one, read at run time.
  const directories = () => [...channels.values()].flatMap((c) => (c.fetchDirectory ? [{ fetchDirectory: c.fetchDirectory.bind(c) }] : []));
  const runner = createJobRunner(extendDeps(appDeps, { assessment, directories }), createJobs());
  const jobs = metrics ? instrumentJobRunner(runner, metrics) : runner;
  app.decorate('bot', bot);
  app.decorate('jobs', jobs);
  app.decorate('botDeps', botDeps);
  app.decorate('platformChannels', channels);
  app.decorate('metrics', metrics);
  if (metrics && metricsToken) registerMetricsRoute(app as unknown as FastifyInstance, metrics, metricsToken);

  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await registerSecurityHeaders(app);
  await registerRateLimits(app, deps.config.http);

  // Probes poll: logged at warn and above only.
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    try {
      await pingDatabase(deps.db);
      if (!migrationsApplied(deps.db)) return reply.code(503).send({ status: 'unavailable', reason: 'migrations not applied' });
      return { status: 'ready', channels: [...channels.keys()] };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  await app.register(adminRoutes, { adminToken: deps.config.adminToken, deps: appDeps, jobs, outbox, clock, timezone: deps.config.timezone, schedules: deps.config.schedules, importLimits: deps.config.imports });
  await app.register(kpiAdminRoutes, { adminToken: deps.config.adminToken, deps: appDeps, importLimits: deps.config.imports });
  await app.register(assessmentAdminRoutes, { config: deps.config, clock, assessment });
  // Every platform the same way: its channel joins the channels, its receivers are registered, its H5 login offered.
  const { publicBaseUrl, sandbox: sandboxConfig, feishu: feishuConfig, dingtalk: dingtalkConfig } = deps.config;
  const platformConfig = { publicBaseUrl, sandbox: sandboxConfig, feishu: feishuConfig, dingtalk: dingtalkConfig };
  const stores: PlatformStores = {
    processedEvents: createProcessedEvents(deps.db),
    callbackReplays: createCallbackReplays(deps.db),
    cardRecipients: (platform) => createCardRecipients(deps.db, platform),
    sandboxTranscript: createSandboxTranscript(deps.db),
    users: org,
  };
  const started: PlatformParts[] = [];
  const logins = new Map<PlatformName, LoginProvider>();
  for (const platform of [feishu, dingtalk, sandbox]) {
    if (!platform.enabled(platformConfig)) continue;
    const parts = platform.create({ config: platformConfig, bot: metrics ? instrumentInbound(bot, metrics) : bot, logger: deps.logger, clock, stores });
    channels.set(platform.name, parts.channel);
    if (parts.login) logins.set(platform.name, parts.login);
    await app.register(parts.receivers);
    started.push(parts);
  }
  await app.register(webPlugin, { botDeps, logins, ...(deps.webBundleDir !== undefined ? { bundleDir: deps.webBundleDir } : {}) });

  app.addHook('onClose', async () => {
    // Follow-ups of answered clicks are being sent: let them finish (a crash would resend them from the outbox).
    // Not for ever: the long connections stay open meanwhile, and under steady traffic work never runs out.
    if (!(await bot.settle(deps.config.shutdownSettleMs))) {
      deps.logger.warn({ settleMs: deps.config.shutdownSettleMs }, 'shutdown: work still arriving; closing the connections now, what they delivered is finished first');
    }
    await outbox.stop();
    for (const platform of started) {
      await platform.channel.close?.();
      await platform.close?.();
    }
  });
  return app as unknown as FastifyInstance;
}
