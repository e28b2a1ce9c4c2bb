import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotHandler, InboundAction } from '../../src/platforms/channel.js';
import { createFeishuChannel, type FeishuChannel } from '../../src/platforms/feishu/channel.js';
import { createFeishuDispatcher } from '../../src/platforms/feishu/dispatcher.js';
import { FEISHU_TEST_APP } from '../helpers/feishu.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';

/** The dispatcher's clock: a fixed instant (it stamps the decoded action). */
const NOW = Date.parse('2026-11-27T10:00:00+08:00');

/** The transport's own timing rules, with a bot whose speed the test controls. */
describe('Feishu dispatcher timing', () => {
  let sim: FeishuSimulator;
  let channel: FeishuChannel;
  const feishu = createFeishuEventClient(FEISHU_TEST_APP);
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    channel = createFeishuChannel({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, baseUrl: sim.url, publicBaseUrl: 'https://kpi.example.com', logger });
  });
  afterAll(async () => {
    await channel.close();
    await sim.close();
  });

  const done = {
    toast: { kind: 'success', text: '已保存' },
    card: { template: 'done', title: '拜访已记录', elements: [{ type: 'markdown', text: '华为' }] },
  } as const;

  /** A bot that answers card actions when the test says so (`finish`), however long that takes. */
  function heldBot(seen: InboundAction[]) {
    let finish: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (finish = resolve));
    const bot: BotHandler = {
      handleMessage: async () => undefined,
      handleAction: async (action) => {
        seen.push(action);
        await released;
        return structuredClone(done) as never;
      },
    };
    return { bot, finish: () => finish() };
  }

  it('answers a slow card action with "still working" in time, then updates the card through its token', async () => {
    const seen: InboundAction[] = [];
    const held = heldBot(seen);
    // The bot is still working when the budget runs out, whatever the machine's speed: it finishes only after the answer.
    const dispatcher = createFeishuDispatcher({ appId: FEISHU_TEST_APP.appId, verificationToken: FEISHU_TEST_APP.verificationToken, bot: held.bot, channel, logger, clock: () => NOW, publicBaseUrl: 'https://kpi.example.com', cardAnswerBudgetMs: 50 });
    const envelope = feishu.cardAction({ operator: { open_id: 'ou_s101' }, value: { command: 'visit.submit', args: {} }, formValue: { customer: '华为', visit_date: '2026-11-27 +0800' } });
    const answer = await dispatcher.dispatch(envelope.header, envelope.event);
    expect(answer).toMatchObject({ toast: { type: 'info', content: expect.stringContaining('正在处理') } });
    expect(seen[0]?.formValues).toEqual({ customer: '华为', visit_date: '2026-11-27' });
    held.finish();
    await channel.inFlight.drain(30_000);
    expect(sim.cardUpdates.at(-1)).toMatchObject({ token: envelope.event.token, card: { schema: '2.0', header: { title: { content: '拜访已记录' } } } });
  });

  it('answers a quick card action with toast and card, and sends nothing itself (messages after a click are the bot\'s, through the outbox)', async () => {
    const held = heldBot([]);
    held.finish();
    const dispatcher = createFeishuDispatcher({ appId: FEISHU_TEST_APP.appId, verificationToken: FEISHU_TEST_APP.verificationToken, bot: held.bot, channel, logger, clock: () => NOW, publicBaseUrl: 'https://kpi.example.com' });
    const before = sim.sent.length;
    const envelope = feishu.cardAction({ operator: { open_id: 'ou_s101' }, value: { command: 'visit.submit', args: {} }, messageId: 'om_form_card' });
    const answer = await dispatcher.dispatch(envelope.header, envelope.event);
    expect(answer).toMatchObject({ toast: { type: 'success', content: '已保存' }, card: { type: 'raw', data: { schema: '2.0' } } });
    await channel.inFlight.drain(30_000);
    expect(sim.sent.slice(before)).toEqual([]);
  });
});
