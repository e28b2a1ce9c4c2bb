import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../helpers/test-app.js';
import { DINGTALK_ORG_ROWS, dingtalkEnv, dingtalkUserId } from '../helpers/dingtalk.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { startDingTalkSimulator, TOPIC_CARD, TOPIC_ROBOT, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * The real service process in stream mode against the simulator: messages in over the socket,
 * replies out through sessionWebhook / the robot and card APIs, card clicks answered in the ACK,
 * and the connection supervised through drops and `disconnect` frames.
 */
describe('DingTalk stream mode, end to end', () => {
  let sim: DingTalkSimulator;
  let server: SpawnedServer;
  const rep = dingtalkUserId('S101');

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  function countRows(sql: string, ...params: string[]): number {
    const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).get(...params) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  /** Sends text as the rep over the stream; resolves with the frame id once the reply arrived. */
  async function say(text: string, staffId = rep) {
    const before = sim.sent.length;
    const pushed = sim.pushRobotMessage({ senderStaffId: staffId, text });
    const ack = await sim.waitForAck(pushed.messageId);
    const replies = await sim.waitFor(() => sim.sent.length > before && sim.sent.slice(before), `reply to "${text}"`);
    return { ...pushed, ack, replies };
  }

  beforeAll(async () => {
    sim = await startDingTalkSimulator({ repushAfterMs: 1500 });
    server = await spawnServer({
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      SANDBOX_ENABLED: 'false',
      ...dingtalkEnv(sim, { DINGTALK_MODE: 'stream', DINGTALK_CARD_TEMPLATE_ID: 'tpl-skb-generic.schema' }),
    });
    const imported = await fetch(`${server.url}/admin/org/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: DINGTALK_ORG_ROWS }),
    });
    expect(imported.status).toBe(200);
    await sim.waitForConnection(1);
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it('opens the connection through the configured gateway with its own subscriptions', () => {
    expect(sim.stream.gatewayCalls[0]).toMatchObject({
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      subscriptions: [
        { type: 'EVENT', topic: '*' },
        { type: 'CALLBACK', topic: TOPIC_ROBOT },
        { type: 'CALLBACK', topic: TOPIC_CARD },
      ],
    });
    expect(sim.stream.connectionsOpened).toBe(1);
  });

  it("acknowledges a rep's message and replies (text through the sessionWebhook, cards through the card API)", async () => {
    const greeting = await say('你好');
    expect(greeting.ack).toMatchObject({ code: 200, data: { response: null } });
    expect(greeting.replies).toMatchObject([{ kind: 'session', body: { msgtype: 'text' } }]);
    expect(JSON.stringify(greeting.replies[0]?.body)).toContain('没听懂');

    // The help card is longer than a DingTalk card value may be (1 KB), so it goes as markdown.
    const help = await say('帮助');
    expect(help.replies).toHaveLength(1);
    expect(JSON.stringify(help.replies[0]?.body)).toContain('可用命令');

    const menu = await say('记录');
    expect(menu.replies).toMatchObject([{ kind: 'card', to: rep }]);
    const card = [...sim.cards.values()].at(-1);
    expect(card?.cardParamMap.title).toBe('记录菜单');
    expect(card?.callbackType).toBe('STREAM');
  });

  it('logs a visit typed by a rep, once, even when DingTalk re-pushes the frame', async () => {
    await say('客户 华为科技 直销');
    const visit = await say('拜访 华为科技 聊了采购计划');
    expect(JSON.stringify(visit.replies)).toContain('华为科技');
    const visits = () => countRows("SELECT count(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = ?", '华为科技');
    expect(visits()).toBe(1);
    const sentBefore = sim.sent.length;
    sim.stream.repush(visit.messageId);
    await sim.waitFor(() => sim.stream.acks.filter((a) => a.messageId === visit.messageId).length === 2, 'second ack');
    await sleep(500);
    expect(visits()).toBe(1);
    expect(sim.sent.length).toBe(sentBefore);
  });

  it('handles a re-pushed frame and a duplicate msgId once', async () => {
    const first = await say('帮助');
    const sentAfterFirst = sim.sent.length;
    sim.stream.repush(first.messageId);
    // The same message under a new frame id (DingTalk can duplicate after an ACK).
    sim.stream.push({ specVersion: '1.0', type: 'CALLBACK', headers: { topic: TOPIC_ROBOT, messageId: `${first.messageId}-again`, contentType: 'application/json', time: String(Date.now()) }, data: JSON.stringify(first.payload) });
    await sim.waitForAck(`${first.messageId}-again`);
    await sim.waitFor(() => sim.stream.acks.filter((a) => a.messageId === first.messageId).length === 2, 'second ack');
    await sleep(500);
    expect(sim.sent.length).toBe(sentAfterFirst);
    expect(countRows('SELECT count(*) AS n FROM processed_events WHERE platform = ? AND event_id = ?', 'dingtalk', first.payload.msgId)).toBe(1);
  });

  it('answers a card click in the ACK itself with the card update (undo on the visit confirmation card)', async () => {
    await say('客户 中兴通讯 直销');
    await say('拜访 中兴通讯 演示方案');
    const visits = () => countRows('SELECT count(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = ?', '中兴通讯');
    expect(visits()).toBe(1);
    const card = [...sim.cards.values()].at(-1);
    if (!card) throw new Error('no card delivered');
    const buttons = JSON.parse(card.cardParamMap.buttons ?? '[]') as { text: string; action: string }[];
    const undo = buttons.find((b) => b.text.includes('撤销'));
    if (!undo) throw new Error(`no undo button on ${card.cardParamMap.title}`);
    const click = sim.pushCardClick({ outTrackId: card.outTrackId, userId: rep, params: { action: undo.action } });
    const ack = await sim.waitForAck(click.messageId);
    // The update is in the ACK (the service's 1.5 s budget was met), not sent through the API later.
    expect(ack.data).toMatchObject({
      response: { cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true }, cardData: { cardParamMap: { title: expect.any(String) } } },
    });
    expect(visits()).toBe(0);
  });

  it('answers a click by a user the card was not delivered to with a private refusal; the bot never sees it', async () => {
    const menu = await say('记录');
    const card = sim.cards.get(String(menu.replies[0]?.body.outTrackId));
    if (!card) throw new Error('no card delivered');
    const [button] = JSON.parse(card.cardParamMap.buttons ?? '[]') as { action: string }[];
    if (!button) throw new Error('the menu card has no button');
    const updatesBefore = card.updates;
    const sentBefore = sim.sent.length;
    const click = sim.pushCardClick({ outTrackId: card.outTrackId, userId: dingtalkUserId('S102'), params: { action: button.action } });
    const ack = await sim.waitForAck(click.messageId);
    expect(ack.data).toMatchObject({ response: { userPrivateData: { cardParamMap: { toastKind: 'error', toast: expect.stringContaining('不是发给你的') } } } });
    expect((ack.data as { response: Record<string, unknown> }).response.cardData).toBeUndefined();
    await sleep(300);
    expect(countRows('SELECT count(*) AS n FROM processed_events WHERE platform = ? AND event_id = ?', 'dingtalk', click.messageId)).toBe(0);
    expect(card.updates).toBe(updatesBefore);
    expect(sim.sent.length).toBe(sentBefore);
  });

  it('reconnects once after the server drops the socket, and keeps working', async () => {
    const gatewayCallsBefore = sim.stream.gatewayCalls.length;
    const openedBefore = sim.stream.connectionsOpened;
    sim.stream.dropConnections();
    await sim.waitForConnection(openedBefore + 1);
    await sleep(2500); // long enough for a storm to show
    expect(sim.stream.connectionsOpened).toBe(openedBefore + 1);
    expect(sim.stream.gatewayCalls.length).toBe(gatewayCallsBefore + 1);
    expect(sim.stream.openConnections()).toBe(1);
    const after = await say('你好');
    expect(after.replies).toHaveLength(1);
  });

  it('opens a new connection when the server sends `disconnect`, and closes the old one', async () => {
    const openedBefore = sim.stream.connectionsOpened;
    sim.stream.systemFrame('disconnect', { reason: 'server maintenance' });
    await sim.waitForConnection(openedBefore + 1);
    await sim.waitFor(() => sim.stream.openConnections() === 1, 'old connection closed');
    await sleep(1000);
    expect(sim.stream.connectionsOpened).toBe(openedBefore + 1);
    const after = await say('你好');
    expect(after.ack.code).toBe(200);
    expect(after.replies).toHaveLength(1);
  });

  it('answers SYSTEM ping frames', async () => {
    sim.stream.systemFrame('ping', { opaque: 'abc-123' });
    const pong = await sim.waitFor(() => sim.stream.acks.find((a) => (a.data as { opaque?: string } | undefined)?.opaque === 'abc-123'), 'ping reply');
    expect(pong.code).toBe(200);
  });
});
