import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/dialect.js';
import { createCardRecipients } from '../../src/db/repositories/card-recipients.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { tableRowCounts } from '../helpers/table-counts.js';
import { cardHeaders, DINGTALK_ORG_ROWS, dingtalkEnv, dingtalkUserId, robotHeaders } from '../helpers/dingtalk.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';

const CARD_SECRET = 'card-callback-secret-for-tests';
/** The app and the simulator share this fixed instant (signed timestamps, sessionWebhook expiry). */
const NOW = '2026-11-27T10:00:00+08:00';

describe('DingTalk HTTP mode (robot and card callbacks)', () => {
  let sim: DingTalkSimulator;
  let t: TestApp;

  beforeAll(async () => {
    sim = await startDingTalkSimulator({ clock: () => Date.parse(NOW) });
  });
  afterAll(async () => {
    await sim.close();
  });

  beforeEach(async () => {
    t = await createTestApp({
      now: NOW,
      seedDemoOrg: false,
      env: dingtalkEnv(sim, { DINGTALK_MODE: 'webhook', DINGTALK_CARD_CALLBACK_SECRET: CARD_SECRET, SANDBOX_ENABLED: 'false' }),
    });
    const imported = await importOrg(t.db, readJsonRows(DINGTALK_ORG_ROWS), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    sim.sent.length = 0;
  });
  afterEach(async () => {
    await t.close();
  });

  const processedCount = async () => (await queryRows<{ n: number }>(t.db, sql`SELECT count(*) AS n FROM processed_events`))[0]!.n;
  const tableCounts = async () => Object.entries(await tableRowCounts(t.db)).map(([name, n]) => `${name}:${n}`);

  function postRobot(payload: unknown, headers: Record<string, string>) {
    return t.app.inject({ method: 'POST', url: '/webhooks/dingtalk/robot', headers, payload: JSON.stringify(payload) });
  }

  it('accepts a correctly signed 1:1 message and replies through its sessionWebhook', async () => {
    const payload = sim.robotMessage({ senderStaffId: dingtalkUserId('S101'), text: '帮助' });
    const response = await postRobot(payload, robotHeaders(sim.clientSecret, t.clock.now));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ msgtype: 'empty' });
    const [reply] = await sim.waitFor(() => sim.sentTo(payload.conversationId).length > 0 && sim.sentTo(payload.conversationId), 'reply');
    expect(reply?.kind).toBe('session');
    expect(reply?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '销售助手 · 可用命令' } });
    expect(JSON.stringify(reply?.body)).toContain('销售助手 · 可用命令');
  });

  it('refuses text over 2,000 characters with a clear reply in the sender\'s language, recording nothing', async () => {
    const transport = (row: string) => ['processed_events', 'outbox', 'dingtalk_callback_replays'].some((table) => row.startsWith(`${table}:`));
    const before = (await tableCounts()).filter((row) => !transport(row));
    const payload = sim.robotMessage({ senderStaffId: dingtalkUserId('S101'), text: `拜访 华为 ${'聊'.repeat(2000)}` });
    expect((await postRobot(payload, robotHeaders(sim.clientSecret, t.clock.now))).statusCode).toBe(200);
    const [reply] = await sim.waitFor(() => sim.sentTo(payload.conversationId).length > 0 && sim.sentTo(payload.conversationId), 'reply');
    expect(JSON.stringify(reply?.body)).toContain('消息太长了（最多 2000 个字）');
    expect((await tableCounts()).filter((row) => !transport(row))).toEqual(before);
  });

  it('handles a group @bot message and answers in the group', async () => {
    const payload = sim.robotMessage({ senderStaffId: dingtalkUserId('S201'), text: '帮助', conversationType: '2', conversationId: 'cid-group-1' });
    expect((await postRobot(payload, robotHeaders(sim.clientSecret, t.clock.now))).statusCode).toBe(200);
    const replies = await sim.waitFor(() => sim.sentTo('cid-group-1').length > 0 && sim.sentTo('cid-group-1'), 'group reply');
    expect(replies[0]?.body).toMatchObject({ msgtype: 'markdown' });
  });

  it('handles the same msgId once', async () => {
    const payload = sim.robotMessage({ senderStaffId: dingtalkUserId('S102'), text: '帮助' });
    await postRobot(payload, robotHeaders(sim.clientSecret, t.clock.now));
    await postRobot(payload, robotHeaders(sim.clientSecret, t.clock.now + 1000));
    await sim.waitFor(() => sim.sentTo(payload.conversationId).length > 0, 'reply');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.sentTo(payload.conversationId)).toHaveLength(1);
  });

  it('politely refuses a sender without senderStaffId and matches nobody by senderId', async () => {
    const payload = sim.robotMessage({ text: '帮助', conversationId: 'cid-external' });
    expect((await postRobot(payload, robotHeaders(sim.clientSecret, t.clock.now))).statusCode).toBe(200);
    const [reply] = await sim.waitFor(() => sim.sentTo('cid-external').length > 0 && sim.sentTo('cid-external'), 'refusal');
    expect(reply?.body).toMatchObject({ msgtype: 'text' });
    expect(JSON.stringify(reply?.body)).toContain('无法识别你的身份');
  });

  it('tells an unknown staff id that they are not registered', async () => {
    const payload = sim.robotMessage({ senderStaffId: 'dt-nobody', text: '帮助' });
    await postRobot(payload, robotHeaders(sim.clientSecret, t.clock.now));
    const [reply] = await sim.waitFor(() => sim.sentTo(payload.conversationId).length > 0 && sim.sentTo(payload.conversationId), 'refusal');
    expect(JSON.stringify(reply?.body)).toContain('不在本系统的组织名单中');
  });

  it.each([
    ['a wrong sign', (now: number) => ({ ...robotHeaders('not-the-secret', now) })],
    ['a stale timestamp (> 1 hour)', (now: number) => robotHeaders(sim.clientSecret, now - 60 * 60 * 1000 - 1000)],
    ['a timestamp from the future (> 1 hour)', (now: number) => robotHeaders(sim.clientSecret, now + 60 * 60 * 1000 + 1000)],
    ['no sign header', (now: number) => ({ 'content-type': 'application/json', timestamp: String(now) })],
    ['no timestamp header', (now: number) => ({ 'content-type': 'application/json', sign: robotHeaders(sim.clientSecret, now).sign as string })],
    ['no headers at all', () => ({ 'content-type': 'application/json' })],
  ])('rejects %s with 401 and stores nothing', async (_name, headersFor) => {
    const before = await tableCounts();
    const payload = sim.robotMessage({ senderStaffId: dingtalkUserId('S101'), text: '帮助' });
    const response = await postRobot(payload, headersFor(t.clock.now));
    expect(response.statusCode).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await tableCounts()).toEqual(before);
    expect(await processedCount()).toBe(0);
    expect(sim.sent).toHaveLength(0);
  });

  it('answers a signed card callback with the card update, and rejects a bad signature', async () => {
    const callback = {
      type: 'actionCallback',
      outTrackId: 'skb-card-1',
      corpId: 'dingcorp',
      userId: dingtalkUserId('S101'),
      content: JSON.stringify({ cardPrivateData: { actionIds: ['b0'], params: { action: JSON.stringify({ command: 'help', args: {} }) } } }),
      spaceType: 'IM_ROBOT',
      spaceId: dingtalkUserId('S101'),
    };
    const bad = await t.app.inject({ method: 'POST', url: '/webhooks/dingtalk/cards', headers: cardHeaders('wrong', t.clock.now), payload: JSON.stringify(callback) });
    expect(bad.statusCode).toBe(401);
    const stale = await t.app.inject({ method: 'POST', url: '/webhooks/dingtalk/cards', headers: cardHeaders(CARD_SECRET, t.clock.now - 2 * 60 * 60 * 1000), payload: JSON.stringify(callback) });
    expect(stale.statusCode).toBe(401);
    expect(await processedCount()).toBe(0);

    // As if the card had been delivered to S101 (a click acts only for a recipient of its card).
    await createCardRecipients(t.db, 'dingtalk').record('skb-card-1', [dingtalkUserId('S101')], t.clock.now);
    const good = await t.app.inject({ method: 'POST', url: '/webhooks/dingtalk/cards', headers: cardHeaders(CARD_SECRET, t.clock.now), payload: JSON.stringify(callback) });
    expect(good.statusCode).toBe(200);
    const body = good.json() as { cardUpdateOptions: unknown; cardData: { cardParamMap: Record<string, string> } };
    expect(body.cardUpdateOptions).toEqual({ updateCardDataByKey: true, updatePrivateDataByKey: true });
    expect(body.cardData.cardParamMap.title).toBe('销售助手 · 可用命令');
    expect(Object.values(body.cardData.cardParamMap).every((v) => typeof v === 'string')).toBe(true);
  });

  it('does not dial the stream gateway from buildApp (only once the server listens)', async () => {
    const streamApp = await createTestApp({ now: NOW, seedDemoOrg: false, env: dingtalkEnv(sim, { DINGTALK_MODE: 'stream', SANDBOX_ENABLED: 'false' }) });
    try {
      await streamApp.app.ready();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sim.stream.gatewayCalls).toHaveLength(0);
      const ready = await streamApp.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.json()).toMatchObject({ channels: ['dingtalk'] });
    } finally {
      await streamApp.close();
    }
  });
});
