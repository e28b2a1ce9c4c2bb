import { definePlatform } from '../platform.js';
import { createFeishuChannel } from './channel.js';
import { exchangeFeishuCode } from './login.js';
import { createFeishuReceivers, type FeishuSettings } from './receivers.js';

/** Feishu: the open API channel, the webhook and/or long connection, and the H5 login by one-time code. */
export const feishu = definePlatform<FeishuSettings>({
  name: 'feishu',
  settings: (config) => (config.feishu.enabled ? { ...config.feishu, publicBaseUrl: config.publicBaseUrl } : undefined),
  create({ config, bot, logger, clock }) {
    const channel = createFeishuChannel({ appId: config.appId, appSecret: config.appSecret, baseUrl: config.baseUrl, publicBaseUrl: config.publicBaseUrl, logger, rateLimits: config.rateLimits });
    return {
      channel,
      receivers: createFeishuReceivers({ config, bot, channel, logger, clock }),
      login: { kind: 'code', publicOptions: { appId: config.appId }, exchange: (code) => exchangeFeishuCode(config, code) },
    };
  },
});
