import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { dingtalk } from '../../../src/platforms/dingtalk/index.js';
import { feishu } from '../../../src/platforms/feishu/index.js';
import { definePlatform, type PlatformStores } from '../../../src/platforms/platform.js';
import { sandbox } from '../../../src/platforms/sandbox/index.js';

const noop = async () => undefined;
const context = (config: ReturnType<typeof loadConfig>) => ({
  config,
  bot: { handleMessage: noop, handleAction: async () => ({}) },
  logger: pino({ level: 'silent' }),
  clock: () => 0,
  stores: {} as PlatformStores,
});

describe('definePlatform', () => {
  it('hands create only its settings, and refuses to create a platform that is off', () => {
    const seen: unknown[] = [];
    const demo = definePlatform<{ on: true }>({
      name: 'sandbox',
      settings: (config) => (config.sandbox.enabled ? { on: true } : undefined),
      create({ config }) {
        seen.push(config);
        return { channel: { name: 'sandbox', reply: noop, send: noop } as never, receivers: noop };
      },
    });
    const on = loadConfig({ SANDBOX_ENABLED: 'true' });
    const off = loadConfig({ SANDBOX_ENABLED: 'false' });
    expect([demo.enabled(on), demo.enabled(off)]).toEqual([true, false]);
    demo.create(context(on));
    expect(seen).toEqual([{ on: true }]);
    expect(() => demo.create(context(off))).toThrow(/not enabled/);
  });

  it('each platform is on exactly when its config says so, and offers its H5 login', async () => {
    const none = loadConfig({ SANDBOX_ENABLED: 'false' });
    expect([feishu, dingtalk, sandbox].map((p) => p.enabled(none))).toEqual([false, false, false]);

    const all = loadConfig({
      SANDBOX_ENABLED: 'true',
      FEISHU_APP_ID: 'cli_x',
      FEISHU_APP_SECRET: 's',
      FEISHU_VERIFICATION_TOKEN: 't',
      DINGTALK_CLIENT_ID: 'ding_x',
      DINGTALK_CLIENT_SECRET: 's',
      DINGTALK_ROBOT_CODE: 'ding_x',
      DINGTALK_CORP_ID: 'corp',
    });
    expect([feishu, dingtalk, sandbox].map((p) => p.enabled(all))).toEqual([true, true, true]);
    const stores = { cardRecipients: () => ({ record: noop, includes: () => false }) } as unknown as PlatformStores;
    const logins = [];
    for (const platform of [feishu, dingtalk, sandbox]) {
      const parts = platform.create({ ...context(all), stores });
      expect(parts.channel.name).toBe(platform.name);
      logins.push(parts.login?.kind === 'code' ? parts.login.publicOptions : parts.login);
      await parts.channel.close?.();
    }
    expect(logins).toEqual([{ appId: 'cli_x' }, { clientId: 'ding_x', corpId: 'corp' }, { kind: 'dev' }]);
  });
});
