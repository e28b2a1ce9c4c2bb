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
import { translateProblem } from './domain/messages/problem-text.js';
import { isProblemError } from './domain/problem.js';
import { createJobs } from './jobs/index.js';
import { createJobRunner, type JobRunner } from './jobs/runner.js';
import type { Channel, PlatformName } from './platforms/channel.js';
import { createOutbox } from './outbox/outbox.js';
import { createAssessmentDeps, createAssessmentNotifier } from './features/assessment/index.js';
import { extendDeps, type AppDeps as FeatureDeps } from './features/deps.js';
import { dingtalkPlugin } from './platforms/dingtalk/plugin.js';
import { createFeishuChannelFromConfig, registerFeishuReceivers } from './platforms/feishu/plugin.js';
import { createSandboxChannel } from './platforms/sandbox/channel.js';
import { sandboxRoutes } from './platforms/sandbox/routes.js';
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
    ensureDefaultSalesChannels(deps.db, clock());
    ensureDefaultRequiredFields(deps.db, clock());
    ensureDefaultKpiTemplate(deps.db, clock());
  }
  const channels = new Map<PlatformName, Channel>();
  const sandbox = createSandboxChannel(createSandboxTranscript(deps.db), clock);
  if (deps.config.sandbox.enabled) channels.set('sandbox', sandbox);

  const outbox = createOutbox({ store: createOutboxStore(deps.db), channels, clock, logger: deps.logger, settings: { maxAttempts: deps.config.outboxMaxAttempts, leaseMs: deps.config.outboxLeaseMs, concurrency: deps.config.outboxConcurrency } });
  // A getter: Feishu joins the channels after the routes are registered.
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
  };
  // One notifier for the app: the chat, the H5 pages, the admin API and the jobs share it.
  const assessment = createAssessmentDeps(appDeps, createAssessmentNotifier(appDeps));
  const botDeps: BotDeps = extendDeps(appDeps, { channels, assessment });
  const bot = createBot(botDeps, createCommands());
  // Jobs get no channel: only the address books of the platforms that have one, read at run time.
  const directories = () => [...channels.values()].flatMap((c) => (c.fetchDirectory ? [{ fetchDirectory: c.fetchDirectory.bind(c) }] : []));
  const jobs = createJobRunner(extendDeps(appDeps, { assessment, directories }), createJobs());
  app.decorate('bot', bot);
  app.decorate('jobs', jobs);
  app.decorate('botDeps', botDeps);

  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      pingDatabase(deps.db);
      if (!migrationsApplied(deps.db)) return reply.code(503).send({ status: 'unavailable', reason: 'migrations not applied' });
      return { status: 'ready', channels: [...channels.keys()] };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  await app.register(adminRoutes, { adminToken: deps.config.adminToken, db: deps.db, jobs, outbox, clock, timezone: deps.config.timezone, schedules: deps.config.schedules });
  await app.register(kpiAdminRoutes, { adminToken: deps.config.adminToken, db: deps.db, clock, zone: deps.config.timezone });
  await app.register(assessmentAdminRoutes, { config: deps.config, db: deps.db, clock, assessment });
  await app.register(webPlugin, { botDeps, ...(deps.webBundleDir !== undefined ? { bundleDir: deps.webBundleDir } : {}) });
  if (deps.config.sandbox.enabled) await app.register(sandboxRoutes, { bot, channel: sandbox, org, clock });
  if (deps.config.dingtalk.enabled) {
    const stores = { processedEvents: createProcessedEvents(deps.db), callbackReplays: createCallbackReplays(deps.db), cardRecipients: createCardRecipients(deps.db, 'dingtalk') };
    await app.register(dingtalkPlugin, { config: deps.config.dingtalk, bot, logger: deps.logger, clock, channels, stores });
  }
  if (deps.config.feishu.enabled) {
    const feishu = { config: deps.config.feishu, publicBaseUrl: deps.config.publicBaseUrl, logger: deps.logger, clock };
    const channel = createFeishuChannelFromConfig(feishu);
    channels.set('feishu', channel);
    await registerFeishuReceivers(app, { ...feishu, bot, channel });
  }

  app.addHook('onClose', async () => {
    await outbox.stop();
    for (const channel of channels.values()) await channel.close?.();
  });
  return app as unknown as FastifyInstance;
}
