import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { BotHandler } from '../channel.js';
import type { FeishuChannel } from './channel.js';
import { createFeishuBotIdentity } from './bot-identity.js';
import { createFeishuDispatcher } from './dispatcher.js';
import { createFeishuLongConnection } from './long-connection.js';
import { feishuWebhookRoutes } from './webhook.js';

export type FeishuSettings = Extract<Config['feishu'], { enabled: true }> & { publicBaseUrl: string };

export interface FeishuReceiversOptions {
  config: FeishuSettings;
  bot: BotHandler;
  channel: FeishuChannel;
  logger: Logger;
  clock: () => number;
}

/**
 * Inbound: the webhook routes (in both modes when a token or key is set, so one deployment can switch)
 * and, in ws mode, the long connection, started once the server listens (never in app.inject tests)
 * and stopped before the channel drains on close.
 */
export function createFeishuReceivers(options: FeishuReceiversOptions): FastifyPluginAsync {
  return async (app) => {
    const { config, channel } = options;
    const identity = createFeishuBotIdentity({ fetch: () => channel.api.botInfo(), logger: options.logger });
    // Looked up at start so the first group message need not wait; a failure is retried on demand.
    app.addHook('onReady', async () => void identity.openId());
    const dispatcher = createFeishuDispatcher({
      appId: config.appId,
      verificationToken: config.verificationToken,
      bot: options.bot,
      channel,
      logger: options.logger,
      clock: options.clock,
      publicBaseUrl: config.publicBaseUrl,
      botOpenId: () => identity.openId(),
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
  };
}
