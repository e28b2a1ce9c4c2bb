import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../../helpers/feishu.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createFeishuEventClient } from '../../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../../simulators/feishu/server.js';
import { groupJourney, NOW, postIdOf, undoBeforeSent, type GroupDriver } from './group-scenario.js';

describe('team group chats on Feishu (signed callbacks, simulator)', () => {
  let sim: FeishuSimulator;
  let t: TestApp;
  const feishu = createFeishuEventClient({ ...FEISHU_TEST_APP, clock: () => t.clock.now });

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
  });
  afterAll(async () => sim.close());
  beforeEach(async () => {
    t = await createTestApp({ now: NOW, seedDemoOrg: false, env: feishuEnv(sim.url) });
    const imported = await importOrg(t.db, readJsonRows(feishuDemoOrgRows()), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    sim.sent.length = 0;
    sim.patches.length = 0;
  });
  afterEach(async () => t.close());

  async function post(path: string, envelope: unknown) {
    const { body, headers } = feishu.request(envelope);
    const response = await t.app.inject({ method: 'POST', url: path, headers, payload: body });
    await t.app.bot.settle();
    return response;
  }

  /** The card content Feishu shows now: the sent card, or its latest patch. */
  const shown = (messageId: string, content: unknown) => JSON.stringify(sim.patches.filter((p) => p.messageId === messageId).at(-1)?.content ?? content);

  const driver: GroupDriver = {
    t: () => t,
    async sayInGroup(employeeNo, chatId, text) {
      const messageId = `om_in_${Math.random().toString(36).slice(2)}`;
      await post('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf(employeeNo), text, chatType: 'group', chatId, messageId }));
      return sim.sent.filter((m) => m.replyTo === messageId).map((m) => JSON.stringify(m.content));
    },
    async sayDirect(employeeNo, text) {
      await post('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf(employeeNo), text }));
    },
    groupCards: (chatId) => sim.sent.filter((m) => m.receiveIdType === 'chat_id' && m.receiveId === chatId && m.msgType === 'interactive').map((m) => ({ messageId: m.messageId, text: shown(m.messageId, m.content) })),
    async like(employeeNo, chatId, card) {
      // Feishu shows the card the callback answers with to everyone (update_multi): that is the card now.
      const response = await post('/webhooks/feishu/cards', feishu.cardAction({ operator: feishuIdsOf(employeeNo), value: { command: 'win.like', args: { post: postIdOf(card) } }, messageId: card.messageId, chatId }));
      const answer = response.json() as { card?: { data?: unknown }; toast?: unknown };
      return JSON.stringify(answer.card?.data ?? answer);
    },
    removeBot: (chatId) => sim.chats.removeBot(chatId),
    addBot: (chatId) => sim.chats.addBot(chatId),
    textsTo: (employeeNo) => sim.sent.filter((m) => m.receiveId === feishuIdsOf(employeeNo).open_id && m.msgType === 'text').map((m) => (m.content as { text: string }).text),
  };

  it('bind (rep refused), weekly top N, 喜报 with likes, undo retracts, bot removed → one admin notice, unbind → silence', async () => {
    await groupJourney(driver, 'oc_team_east');
  });

  it('undo before the 喜报 is sent: a pending post is withdrawn, a claimed one is retracted once it lands', async () => {
    await undoBeforeSent(driver, 'oc_team_east');
  });

  it('a group the bot is not in cannot be bound (GET im/v1/chats/:chat_id fails)', async () => {
    const answers = await driver.sayInGroup('S100', 'oc_without_bot', '绑定群 华东一组');
    if (!answers.join().includes('无法确认机器人在本群中')) throw new Error(`unexpected answer: ${answers.join()}`);
  });
});
