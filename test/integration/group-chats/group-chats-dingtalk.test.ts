import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { cardHeaders, DINGTALK_ORG_ROWS, dingtalkEnv, dingtalkUserId, robotHeaders } from '../../helpers/dingtalk.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../simulators/dingtalk/simulator.js';
import { groupJourney, NOW, postIdOf, undoBeforeSent, type GroupDriver } from './group-scenario.js';

const CARD_SECRET = 'card-callback-secret-for-group-tests';

describe('team group chats on DingTalk (signed HTTP callbacks, simulator)', () => {
  let sim: DingTalkSimulator;
  let t: TestApp | undefined;
  const now = () => t?.clock.now ?? Date.parse(NOW);

  beforeAll(async () => {
    sim = await startDingTalkSimulator({ clock: now });
  });
  afterAll(async () => sim.close());
  beforeEach(async () => {
    t = await createTestApp({
      now: NOW,
      seedDemoOrg: false,
      env: dingtalkEnv(sim, { DINGTALK_MODE: 'webhook', DINGTALK_CARD_CALLBACK_SECRET: CARD_SECRET, DINGTALK_CARD_TEMPLATE_ID: 'sim-template.schema', SANDBOX_ENABLED: 'false' }),
    });
    const imported = await importOrg(t.db, readJsonRows(DINGTALK_ORG_ROWS), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    sim.sent.length = 0;
  });
  afterEach(async () => t?.close());

  const app = () => (t as TestApp).app;

  /** Posts a signed robot callback and waits until the bot has answered in that conversation (or to that person). */
  async function robot(employeeNo: string, text: string, group?: string): Promise<string[]> {
    // A signature names its timestamp and one body (replays are refused): a second apart, like real messages.
    t?.clock.advance(1000);
    const before = sim.sent.length;
    const staffId = dingtalkUserId(employeeNo);
    const payload = sim.robotMessage({ senderStaffId: staffId, text, ...(group ? { conversationType: '2' as const, conversationId: group } : {}) });
    const response = await app().inject({ method: 'POST', url: '/webhooks/dingtalk/robot', headers: robotHeaders(sim.clientSecret, now()), payload: JSON.stringify(payload) });
    expect(response.statusCode, response.body).toBe(200);
    const answers = await sim.waitFor(() => {
      const fresh = sim.sent.slice(before).filter((s) => s.to === payload.conversationId || s.to === staffId);
      return fresh.length > 0 && fresh;
    }, `an answer to ${text}`);
    await app().bot.settle();
    return answers.map((s) => JSON.stringify(s.body));
  }

  const cardText = (outTrackId: string) => JSON.stringify(sim.cards.get(outTrackId)?.cardParamMap ?? {});

  const driver: GroupDriver = {
    t: () => t as TestApp,
    sayInGroup: (employeeNo, chatId, text) => robot(employeeNo, text, chatId),
    async sayDirect(employeeNo, text) {
      await robot(employeeNo, text);
    },
    groupCards: (chatId) => sim.sent.filter((s) => s.kind === 'card' && s.to === chatId).map((s) => ({ messageId: String(s.body.outTrackId), text: cardText(String(s.body.outTrackId)) })),
    async like(employeeNo, chatId, card) {
      const userId = dingtalkUserId(employeeNo);
      t?.clock.advance(1000);
      const callback = {
        type: 'actionCallback',
        outTrackId: card.messageId,
        corpId: 'dingcorp',
        userId,
        content: JSON.stringify({ cardPrivateData: { actionIds: ['b0'], params: { action: JSON.stringify({ command: 'win.like', args: { post: postIdOf(card) } }) } } }),
        spaceType: 'IM_GROUP',
        spaceId: chatId,
      };
      const response = await app().inject({ method: 'POST', url: '/webhooks/dingtalk/cards', headers: cardHeaders(CARD_SECRET, now()), payload: JSON.stringify(callback) });
      expect(response.statusCode).toBe(200);
      // What DingTalk does with the answer: the public card data changes for every member.
      sim.applyCardAnswer(card.messageId, userId, response.json());
      return cardText(card.messageId);
    },
    removeBot: (chatId) => sim.setBotRemoved(chatId, true),
    addBot: (chatId) => sim.setBotRemoved(chatId, false),
    textsTo: (employeeNo) => sim.sent.filter((s) => s.kind === 'oto' && s.to === dingtalkUserId(employeeNo)).map((s) => JSON.stringify(s.body)),
  };

  it('bind (rep refused), weekly top N, 喜报 with likes, undo retracts, bot removed → one admin notice, unbind → silence', async () => {
    await groupJourney(driver, 'cidTeamEast==');
  });

  it('undo before the 喜报 is sent: a pending post is withdrawn, a claimed one is retracted once it lands', async () => {
    await undoBeforeSent(driver, 'cidTeamEast==');
  });
});
