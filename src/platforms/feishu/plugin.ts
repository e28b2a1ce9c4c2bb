import type { FastifyBaseLogger, FastifyInstance, FastifyTypeProvider, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { BotHandler } from '../channel.js';
import { createFeishuChannel, type FeishuChannel } from './channel.js';
import { createFeishuDispatcher } from './dispatcher.js';
import { createFeishuLongConnection } from './long-connection.js';
import { feishuWebhookRoutes } from './webhook.js';

type EnabledFeishuConfig = Extract<Config['feishu'], { enabled: true }>;

export interface FeishuSetupOptions {
  config: EnabledFeishuConfig;
  publicBaseUrl: string;
  logger: Logger;
  clock: () => number;
}

/** The channel on its own (outbound): created before the bot so the bot can reply through it. */
export function createFeishuChannelFromConfig(options: FeishuSetupOptions): FeishuChannel {
  const { config } = options;
  return createFeishuChannel({ appId: config.appId, appSecret: config.appSecret, baseUrl: config.baseUrl, publicBaseUrl: options.publicBaseUrl, logger: options.logger, rateLimits: config.rateLimits });
}

/**
 * Inbound: the webhook routes (in both modes when a token or key is set, so one deployment can switch)
 * and, in ws mode, the long connection, started once the server listens (never in app.inject tests)
 * and stopped before the channel drains on close.
 */
export async function registerFeishuReceivers<Provider extends FastifyTypeProvider>(
  app: FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, Provider>,
  options: FeishuSetupOptions & { bot: BotHandler; channel: FeishuChannel },
): Promise<void> {
  const { config, channel } = options;
  const dispatcher = createFeishuDispatcher({
    appId: config.appId,
    verificationToken: config.verificationToken,
    bot: options.bot,
    channel,
    logger: options.logger,
    clock: options.clock,
    publicBaseUrl: options.publicBaseUrl,
  });
  // Without a token or key nothing could authenticate a callback (ws mode may run without both).
  if (config.verificationToken || config.encryptKey) {
    await app.register(feishuWebhookRoutes, {
      auth: { appId: config.appId, verificationToken: config.verificationToken, encryptKey: config.encryptKey },
      dispatcher,
      clock: options.clock,
    });
  }
  if (config.mode === 'ws') {
    const connection = createFeishuLongConnection({ appId: config.appId, appSecret: config.appSecret, baseUrl: config.baseUrl, encryptKey: config.encryptKey, dispatcher, logger: options.logger });
    app.addHook('onListen', async () => connection.start());
    channel.onClose(() => connection.close());
  }
}
