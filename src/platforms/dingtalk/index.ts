import { definePlatform } from '../platform.js';
import { createDingTalkApi } from './api.js';
import { createDingTalkApiClient } from './api-client.js';
import { createDingTalkChannel } from './channel.js';
import { createDingTalkInbound } from './inbound.js';
import { exchangeDingTalkCode } from './login.js';
import { createDingTalkReceivers, type DingTalkSettings } from './receivers.js';
import type { DingTalkStores } from './stores.js';

/**
 * DingTalk: one API client (one token cache) for the channel, the receivers (robot webhook or
 * stream) and the H5 login by one-time code.
 */
export const dingtalk = definePlatform<DingTalkSettings>({
  name: 'dingtalk',
  settings: (config) => (config.dingtalk.enabled ? config.dingtalk : undefined),
  create({ config, bot, logger, clock, stores: all }) {
    const stores: DingTalkStores = { processedEvents: all.processedEvents, callbackReplays: all.callbackReplays, cardRecipients: all.cardRecipients('dingtalk') };
    const client = createDingTalkApiClient({ clientId: config.clientId, clientSecret: config.clientSecret, apiBaseUrl: config.apiBaseUrl, oapiBaseUrl: config.oapiBaseUrl, logger, clock });
    const api = createDingTalkApi(client, { robotCode: config.robotCode, logger });
    const channel = createDingTalkChannel({
      api,
      logger,
      clock,
      cardTemplateId: config.cardTemplateId,
      callbackType: config.mode === 'stream' ? 'STREAM' : 'HTTP',
      callbackRouteKey: config.robotCode,
      cardRecipients: stores.cardRecipients,
    });
    const inbound = createDingTalkInbound({ bot, channel, processedEvents: stores.processedEvents, cardRecipients: stores.cardRecipients, logger, clock });
    return {
      channel,
      receivers: createDingTalkReceivers({ config, inbound, api, logger, clock, stores }),
      login: { kind: 'code', publicOptions: { clientId: config.clientId, corpId: config.corpId ?? null }, exchange: (code) => exchangeDingTalkCode(client, code) },
    };
  },
});
