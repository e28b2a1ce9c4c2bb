import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { DingTalkApi } from './api.js';
import type { DingTalkInbound } from './inbound.js';
import type { DingTalkStores } from './stores.js';
import { createDingTalkStream } from './stream.js';
import { dingtalkWebhookRoutes } from './webhook.js';

export type DingTalkSettings = Extract<Config['dingtalk'], { enabled: true }>;

export interface DingTalkReceiversOptions {
  config: DingTalkSettings;
  inbound: DingTalkInbound;
  api: DingTalkApi;
  logger: Logger;
  clock: () => number;
  stores: DingTalkStores;
}

/**
 * Either the HTTP receivers (webhook mode) or the supervised socket (stream mode), started once the
 * server listens (so app.inject tests never dial out) and stopped on close. In stream mode the HTTP
 * routes do not exist: nobody can post callbacks the app would never get from DingTalk.
 */
export function createDingTalkReceivers(options: DingTalkReceiversOptions): FastifyPluginAsync {
  return async (app) => {
    const { config, inbound, api, logger, clock } = options;
    if (config.mode === 'stream') {
      const stream = createDingTalkStream({
        gatewayUrl: config.gatewayUrl,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        inbound,
        processedEvents: options.stores.processedEvents,
        app: { robotCode: config.robotCode, corpId: config.corpId },
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
}
