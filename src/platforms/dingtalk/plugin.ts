import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { BotHandler, Channel, PlatformName } from '../channel.js';
import { createDingTalkApi } from './api.js';
import { createDingTalkApiClient } from './api-client.js';
import { createDingTalkChannel } from './channel.js';
import { createDingTalkInbound } from './inbound.js';
import type { DingTalkStores } from './stores.js';
import { createDingTalkStream } from './stream.js';
import { dingtalkWebhookRoutes } from './webhook.js';

export interface DingTalkPluginOptions {
  config: Extract<Config['dingtalk'], { enabled: true }>;
  bot: BotHandler;
  logger: Logger;
  clock: () => number;
  channels: Map<PlatformName, Channel>;
  /** Durable state (handled ids, replay bindings, card recipients), built on the database by app.ts. */
  stores: DingTalkStores;
}

/**
 * Everything DingTalk in one registration: the channel (added to the channels map), and either the
 * HTTP receivers (webhook mode) or the supervised socket (stream mode), started once the server
 * listens (so app.inject tests never dial out) and stopped on close. In stream mode the HTTP routes
 * do not exist: nobody can post callbacks the app would never get from DingTalk.
 */
export const dingtalkPlugin: FastifyPluginAsync<DingTalkPluginOptions> = async (app, options) => {
  const { config, logger, clock } = options;
  const client = createDingTalkApiClient({ clientId: config.clientId, clientSecret: config.clientSecret, apiBaseUrl: config.apiBaseUrl, oapiBaseUrl: config.oapiBaseUrl, logger, clock });
  const api = createDingTalkApi(client, { robotCode: config.robotCode, logger });
  const channel = createDingTalkChannel({
    api,
    logger,
    clock,
    cardTemplateId: config.cardTemplateId,
    callbackType: config.mode === 'stream' ? 'STREAM' : 'HTTP',
    callbackRouteKey: config.robotCode,
    cardRecipients: options.stores.cardRecipients,
  });
  options.channels.set('dingtalk', channel);
  const inbound = createDingTalkInbound({ bot: options.bot, channel, processedEvents: options.stores.processedEvents, cardRecipients: options.stores.cardRecipients, logger, clock });

  if (config.mode === 'stream') {
    const stream = createDingTalkStream({
      gatewayUrl: config.gatewayUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      inbound,
      processedEvents: options.stores.processedEvents,
      logger,
      clock: Date.now, // connection timing is wall-clock even when the app's clock is fixed
      updateCardLater: (outTrackId, response) => api.updateCard(outTrackId, response),
    });
    app.addHook('onListen', async () => stream.start());
    app.addHook('onClose', async () => stream.stop());
  } else {
    if (!config.corpId) logger.warn({ platform: 'dingtalk' }, 'DINGTALK_CORP_ID is not set: the corpId of HTTP callbacks is not checked');
    await app.register(dingtalkWebhookRoutes, {
      inbound,
      appSecret: config.clientSecret,
      cardCallbackSecret: config.cardCallbackSecret,
      app: { robotCode: config.robotCode, corpId: config.corpId },
      replays: options.stores.callbackReplays,
      clock,
    });
    app.addHook('onClose', async () => inbound.drain());
  }
};
