import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { helpCard } from '../../cards/help.js';
import { cardReply, textReply } from '../../src/domain/card-model.js';
import { createDingTalkApi } from '../../src/platforms/dingtalk/api.js';
import { createDingTalkApiClient } from '../../src/platforms/dingtalk/api-client.js';
import { createDingTalkChannel } from '../../src/platforms/dingtalk/channel.js';
import { memoryCardRecipients } from '../helpers/dingtalk.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';

const logger = pino({ level: 'silent' });
/** The channel and the simulator share this fixed instant (sessionWebhook expiry is judged on both sides). */
const NOW = Date.parse('2026-11-27T10:00:00+08:00');
const clock = () => NOW;

describe('DingTalk outbound: robot sends, cards, token and throttling', () => {
  let sim: DingTalkSimulator;
  let sleeps: number[];

  beforeAll(async () => {
    sim = await startDingTalkSimulator({ clock });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.sent.length = 0;
    sim.batchCalls.length = 0;
    sleeps = [];
  });

  function setup(options: { cardTemplateId?: string; tokenClock?: () => number } = {}) {
    const client = createDingTalkApiClient({
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      apiBaseUrl: sim.url,
      oapiBaseUrl: sim.url,
      logger,
      ...(options.tokenClock ? { clock: options.tokenClock } : {}),
      backoffBaseMs: 5,
      // Backoff is recorded, not waited for: the tests count the waits the client chose.
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const api = createDingTalkApi(client, { robotCode: sim.clientId, logger });
    const channel = createDingTalkChannel({ api, logger, clock, cardTemplateId: options.cardTemplateId, callbackType: 'STREAM', callbackRouteKey: sim.clientId, cardRecipients: memoryCardRecipients() });
    return { client, api, channel };
  }

  const users = (n: number) => Array.from({ length: n }, (_, i) => `dt-user-${i + 1}`);

  it('splits a batch send to 45 users into 3 calls of at most 20', async () => {
    const { channel } = setup();
    const result = await channel.broadcast(users(45), textReply('本周排名已更新'));
    expect(sim.batchCalls.map((c) => c.length)).toEqual([20, 20, 5]);
    expect(result.delivered).toHaveLength(45);
    for (const id of users(45)) expect(sim.sentTo(id)).toHaveLength(1);
    expect(JSON.parse(sim.sentTo('dt-user-1')[0]?.body.msgParam as string)).toEqual({ content: '本周排名已更新' });
  });

  it('retries only the flow-controlled users, so everybody gets exactly one message', async () => {
    const { channel } = setup();
    const throttled = ['dt-user-3', 'dt-user-21', 'dt-user-44'];
    sim.flowControlOnce(throttled);
    sim.markInvalid(['dt-user-10']);
    const result = await channel.broadcast(users(45), textReply('提醒'));
    expect(sim.batchCalls.length).toBe(3 + 3); // each chunk had one flow-controlled user to retry
    expect(sim.batchCalls.slice(1).some((c) => c.length === 1 && c[0] === 'dt-user-3')).toBe(true);
    for (const id of users(45).filter((u) => u !== 'dt-user-10')) expect(sim.sentTo(id), id).toHaveLength(1);
    expect(sim.sentTo('dt-user-10')).toHaveLength(0);
    expect(result.invalid).toEqual(['dt-user-10']);
    expect(result.delivered).toHaveLength(44);
    expect(sleeps.length).toBeGreaterThanOrEqual(3);
  });

  it('caches the access token and refreshes it after a 401', async () => {
    const { channel } = setup();
    const before = sim.tokensIssued;
    await channel.send({ platform: 'dingtalk', userRef: 'dt-a' }, textReply('一'), { idempotencyKey: 'k1' });
    await channel.send({ platform: 'dingtalk', userRef: 'dt-a' }, textReply('二'), { idempotencyKey: 'k2' });
    expect(sim.tokensIssued - before).toBe(1);
    sim.revokeTokens();
    await channel.send({ platform: 'dingtalk', userRef: 'dt-a' }, textReply('三'), { idempotencyKey: 'k3' });
    expect(sim.tokensIssued - before).toBe(2);
    expect(sim.sentTo('dt-a')).toHaveLength(3);
  });

  it('refreshes the token shortly before it expires', async () => {
    let now = NOW;
    const { channel } = setup({ tokenClock: () => now });
    const before = sim.tokensIssued;
    await channel.send({ platform: 'dingtalk', userRef: 'dt-b' }, textReply('一'), { idempotencyKey: 'e1' });
    now += 7200 * 1000 - 4 * 60 * 1000; // inside the 5-minute margin
    await channel.send({ platform: 'dingtalk', userRef: 'dt-b' }, textReply('二'), { idempotencyKey: 'e2' });
    expect(sim.tokensIssued - before).toBe(2);
  });

  it('backs off on 429 throttling and delivers once the throttle lifts', async () => {
    const { channel } = setup();
    sim.failNext('/v1.0/robot/oToMessages/batchSend', 2, 429, { code: 'Throttling.Api', message: 'too many requests' });
    await channel.send({ platform: 'dingtalk', userRef: 'dt-c' }, textReply('你好'), { idempotencyKey: 't1' });
    expect(sim.sentTo('dt-c')).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThanOrEqual(5); // exponential: the second wait's ceiling is twice the first's
  });

  it('retries a throttled sessionWebhook reply and delivers it exactly once', async () => {
    const { channel } = setup();
    const session = sim.newSession('cid-throttle');
    // The first send through the sessionWebhook is throttled, however long it takes to arrive.
    sim.throttleNext(1);
    const requestsBefore = sim.requests.length;
    await channel.reply(
      { platform: 'dingtalk', chatId: 'dt-d', chatType: 'p2p', extra: { ...session, sessionWebhookExpiredTime: String(session.sessionWebhookExpiredTime), senderStaffId: 'dt-d' } },
      textReply('收到'),
      { idempotencyKey: 'r1' },
    );
    expect(sim.sentTo('cid-throttle')).toHaveLength(1);
    expect(sim.requests.slice(requestsBefore).filter((r) => r.path === '/robot/sendBySession')).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('falls back to the robot API when the sessionWebhook has expired (1:1 and group)', async () => {
    const { channel } = setup();
    const expired = { sessionWebhook: `${sim.url}/robot/sendBySession?session=gone`, sessionWebhookExpiredTime: String(NOW - 1000) };
    await channel.reply({ platform: 'dingtalk', chatId: 'dt-e', chatType: 'p2p', extra: { ...expired, senderStaffId: 'dt-e', conversationId: 'cid-e' } }, textReply('迟到的回复'), { idempotencyKey: 'x1' });
    expect(sim.sentTo('dt-e')).toMatchObject([{ kind: 'oto' }]);
    await channel.reply({ platform: 'dingtalk', chatId: 'cid-g', chatType: 'group', extra: { ...expired, conversationId: 'cid-g' } }, textReply('群回复'), { idempotencyKey: 'x2' });
    expect(sim.sentTo('cid-g')).toMatchObject([{ kind: 'group', body: { msgKey: 'sampleText' } }]);
  });

  it('delivers an interactive card with a fresh outTrackId and string values, then updates it', async () => {
    const { channel } = setup({ cardTemplateId: 'tpl-generic.schema' });
    const card = helpCard.build(helpCard.example, 'zh');
    const first = await channel.send({ platform: 'dingtalk', userRef: 'dt-f' }, cardReply(card), { idempotencyKey: 'card-1' });
    const second = await channel.send({ platform: 'dingtalk', userRef: 'dt-f' }, cardReply(card), { idempotencyKey: 'card-2' });
    expect(first.messageId).not.toBe(second.messageId);
    const stored = sim.cards.get(first.messageId);
    expect(stored?.openSpaceId).toBe('dtv1.card//IM_ROBOT.dt-f');
    expect(stored?.callbackType).toBe('STREAM');
    expect(stored?.cardParamMap.title).toBe('销售助手 · 可用命令');

    await channel.updateCard?.(first, cardReply({ ...card, title: '已更新' }));
    expect(sim.cards.get(first.messageId)?.cardParamMap.title).toBe('已更新');
    expect(sim.cards.get(first.messageId)?.updates).toBe(1);
  });

  it('sends a card as markdown when no card template is configured', async () => {
    const { channel } = setup();
    await channel.send({ platform: 'dingtalk', userRef: 'dt-g' }, cardReply(helpCard.build(helpCard.example, 'zh')), { idempotencyKey: 'md-1' });
    const [message] = sim.sentTo('dt-g');
    expect(message?.body.msgKey).toBe('sampleMarkdown');
    expect(JSON.parse(message?.body.msgParam as string).title).toBe('销售助手 · 可用命令');
  });
});
