import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import type { FeishuDispatcher } from '../../src/platforms/feishu/dispatcher.js';
import { createFeishuLongConnection } from '../../src/platforms/feishu/long-connection.js';
import { encryptFeishu } from '../../src/platforms/feishu/crypto.js';
import { cardHeaders, DINGTALK_ORG_ROWS, dingtalkEnv, dingtalkUserId, robotHeaders } from '../helpers/dingtalk.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { tableRowCounts } from '../helpers/table-counts.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { startDingTalkSimulator, TOPIC_CARD, TOPIC_ROBOT, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';

/**
 * The forgery table: every kind of forged, stale, replayed or oversized callback, for both platforms
 * and all their transports, one row each. An HTTP row must be answered with its 4xx; a socket row
 * (Feishu long connection, DingTalk stream) must be refused. In every row nothing is stored (the
 * row counts of every table are unchanged) and nothing is sent (the simulator's outbound count).
 */

const NOW = '2026-11-27T10:00:00+08:00';
const CARD_SECRET = 'card-callback-secret-for-forgery';
const CORP = 'dingcorp';
const HOUR = 60 * 60 * 1000;
const feishuClient = (clock: () => number) => createFeishuEventClient({ ...FEISHU_TEST_APP, clock });
type FeishuClient = ReturnType<typeof feishuClient>;
type Inject = (url: string, body: string, headers: Record<string, string>) => Promise<{ statusCode: number }>;

// ---- Feishu HTTP callbacks: [case, request, expected status] --------------------------------------
const FEISHU_HTTP: [string, (f: FeishuClient, post: Inject, now: number) => Promise<{ statusCode: number }>, number][] = [
  ['bad signature', (f, post) => send(f, post, msg(f), { badSignature: true }), 401],
  ['signature over other bytes (re-serialised body)', (f, post) => send(f, post, msg(f), { reserialise: true }), 401],
  ['signature of one request with the body of another', (f, post) => post('/webhooks/feishu/events', f.request(msg(f)).body, f.request(msg(f)).headers), 401],
  ['stale: a captured request replayed 6 minutes later', (f, post) => send(f, post, msg(f), { timestampOffsetMs: -6 * 60_000 }), 401],
  ['timestamp from the future', (f, post) => send(f, post, msg(f), { timestampOffsetMs: 6 * 60_000 }), 401],
  ['wrong verification token in the envelope', (f, post) => send(f, post, f.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', header: { token: 'forged' } })), 401],
  ['wrong app_id', (f, post) => send(f, post, f.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', header: { app_id: 'cli_ffffffffffffffff' } })), 401],
  ['encrypted with another key', (f, post) => send(f, post, msg(f), { encryptKey: 'another-key' }), 401],
  ['signed event without signature headers', (f, post) => post('/webhooks/feishu/events', f.request(msg(f)).body, { 'content-type': 'application/json' }), 401],
  ['token-only plain event while an Encrypt Key is set (unsigned)', (f, post) => post('/webhooks/feishu/events', JSON.stringify(msg(f)), { 'content-type': 'application/json' }), 401],
  ['unsigned body too large to be a URL challenge', (f, post) => post('/webhooks/feishu/events', JSON.stringify({ encrypt: encryptFeishu(FEISHU_TEST_APP.encryptKey, JSON.stringify({ ...f.challenge('c'), pad: 'x'.repeat(8000) })) }), { 'content-type': 'application/json' }), 401],
  ['forged card click (bad signature)', (f, post) => send(f, post, f.cardAction({ operator: feishuIdsOf('S101'), value: { command: 'help', args: {} } }), { badSignature: true }, '/webhooks/feishu/cards'), 401],
  ['signed but not JSON', (f, post) => send(f, post, msg(f), { rawBody: 'this is not json' }), 400],
  ['oversized (2 MB)', (f, post) => send(f, post, msg(f), { rawBody: JSON.stringify({ encrypt: 'A'.repeat(2 * 1024 * 1024) }) }), 413],
];
const msg = (f: FeishuClient) => f.messageEvent({ sender: feishuIdsOf('S101'), text: '拜访 华为 伪造' });
function send(f: FeishuClient, post: Inject, envelope: unknown, options: Parameters<FeishuClient['request']>[1] = {}, url = '/webhooks/feishu/events') {
  const { body, headers } = f.request(envelope, options);
  return post(url, body, headers);
}

// ---- Feishu long-connection frames (authenticated by the socket): each must not reach the dispatcher -
const FEISHU_FRAMES: [string, (f: FeishuClient) => unknown][] = [
  ['event for another app_id', (f) => f.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', header: { app_id: 'cli_ffffffffffffffff' } })],
  ['encrypted with another key', (f) => ({ encrypt: encryptFeishu('another-key', JSON.stringify(msg(f))) })],
  ['encrypted garbage', () => ({ encrypt: 'A'.repeat(64) })],
  ['legacy 1.0 envelope', () => ({ uuid: 'u1', token: FEISHU_TEST_APP.verificationToken, ts: '1', type: 'event_callback', event: { type: 'message', text: '帮助' } })],
  ['url_verification over the socket', (f) => f.challenge('c')],
];

// ---- DingTalk HTTP robot and card callbacks: [case, request, expected status] -------------------------
interface DingTalkCtx {
  sim: DingTalkSimulator;
  now: number;
  post: Inject;
  /** Headers of a genuine request sent (and stored) before the row is measured. */
  genuine: Record<string, string>;
}
const robot = (ctx: DingTalkCtx, extra: Record<string, unknown> = {}) => JSON.stringify({ ...ctx.sim.robotMessage({ senderStaffId: dingtalkUserId('S101'), text: '拜访 华为 伪造' }), ...extra });
const click = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ outTrackId: 'card-never-sent', userId: dingtalkUserId('S101'), corpId: CORP, spaceType: 'IM_ROBOT', spaceId: dingtalkUserId('S101'), content: JSON.stringify({ cardPrivateData: { actionIds: ['b'], params: { action: JSON.stringify({ command: 'help', args: {} }) } } }), ...extra });
const DINGTALK_HTTP: [string, (ctx: DingTalkCtx) => Promise<{ statusCode: number }>, number, ((ctx: DingTalkCtx) => Promise<void>)?][] = [
  ['robot: bad sign', (c) => c.post('/webhooks/dingtalk/robot', robot(c), robotHeaders('not-the-secret', c.now)), 401],
  ['robot: no signature headers', (c) => c.post('/webhooks/dingtalk/robot', robot(c), { 'content-type': 'application/json' }), 401],
  ['robot: stale timestamp (over an hour old)', (c) => c.post('/webhooks/dingtalk/robot', robot(c), robotHeaders(c.sim.clientSecret, c.now - HOUR - 1000)), 401],
  ['robot: timestamp from the future', (c) => c.post('/webhooks/dingtalk/robot', robot(c), robotHeaders(c.sim.clientSecret, c.now + HOUR + 1000)), 401],
  [
    'robot: replayed signature with another body',
    (c) => c.post('/webhooks/dingtalk/robot', robot(c), c.genuine),
    401,
    // The genuine request: a group message without @bot (admitted and bound to its signature, never answered).
    async (c) => {
      c.genuine = robotHeaders(c.sim.clientSecret, c.now - 5000);
      const answer = await c.post('/webhooks/dingtalk/robot', robot(c, { conversationType: '2', conversationId: 'cid-group-9', isInAtList: false }), c.genuine);
      expect(answer.statusCode).toBe(200);
    },
  ],
  ['robot: another robotCode', (c) => c.post('/webhooks/dingtalk/robot', robot(c, { robotCode: 'ding-other-robot' }), robotHeaders(c.sim.clientSecret, c.now)), 403],
  ['robot: another corp', (c) => c.post('/webhooks/dingtalk/robot', robot(c, { chatbotCorpId: 'ding-other-corp' }), robotHeaders(c.sim.clientSecret, c.now)), 403],
  ['robot: signed but not JSON', (c) => c.post('/webhooks/dingtalk/robot', 'not json', robotHeaders(c.sim.clientSecret, c.now)), 400],
  ['robot: oversized (300 KB)', (c) => c.post('/webhooks/dingtalk/robot', robot(c, { pad: 'x'.repeat(300 * 1024) }), robotHeaders(c.sim.clientSecret, c.now)), 413],
  ['card: bad signature', (c) => c.post('/webhooks/dingtalk/cards', click(), cardHeaders('not-the-secret', c.now)), 401],
  ['card: no signature headers', (c) => c.post('/webhooks/dingtalk/cards', click(), { 'content-type': 'application/json' }), 401],
  ['card: stale timestamp', (c) => c.post('/webhooks/dingtalk/cards', click(), cardHeaders(CARD_SECRET, c.now - HOUR - 1000)), 401],
  ['card: another corp', (c) => c.post('/webhooks/dingtalk/cards', click({ corpId: 'ding-other-corp' }), cardHeaders(CARD_SECRET, c.now)), 403],
  ['card: clicked by someone it was not sent to', (c) => c.post('/webhooks/dingtalk/cards', click(), cardHeaders(CARD_SECRET, c.now)), 403],
  ['card: oversized (300 KB)', (c) => c.post('/webhooks/dingtalk/cards', click({ pad: 'x'.repeat(300 * 1024) }), cardHeaders(CARD_SECRET, c.now)), 413],
];

// ---- DingTalk stream frames (authenticated by the socket): [case, push] --------------------------------
const DINGTALK_FRAMES: [string, (sim: DingTalkSimulator) => { messageId: string }][] = [
  ['robot frame for another robotCode', (sim) => sim.pushFrame(TOPIC_ROBOT, { ...sim.robotMessage({ senderStaffId: dingtalkUserId('S101'), text: '拜访 华为 伪造' }), robotCode: 'ding-other-robot' })],
  ['robot frame for another corp', (sim) => sim.pushFrame(TOPIC_ROBOT, { ...sim.robotMessage({ senderStaffId: dingtalkUserId('S101'), text: '拜访 华为 伪造' }), chatbotCorpId: 'ding-other-corp' })],
  ['robot frame whose data is not JSON', (sim) => sim.pushFrame(TOPIC_ROBOT, 'not json')],
  ['oversized robot frame (300 KB)', (sim) => sim.pushFrame(TOPIC_ROBOT, { ...sim.robotMessage({ senderStaffId: dingtalkUserId('S101'), text: '帮助' }), pad: 'x'.repeat(300 * 1024) })],
  ['card frame for another corp', (sim) => sim.pushFrame(TOPIC_CARD, JSON.parse(click({ corpId: 'ding-other-corp' })) as unknown)],
];

describe('forgery table: Feishu HTTP callbacks', () => {
  let sim: FeishuSimulator;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    t = await createTestApp({ env: { ...feishuEnv(sim.url), SANDBOX_ENABLED: 'false' }, now: NOW, seedDemoOrg: false });
    expect((await importOrg(t.db,readJsonRows(feishuDemoOrgRows()),{ now: t.clock.now,actorUserId: null,source: 'cli' })).ok).toBe(true);
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  it.each(FEISHU_HTTP)('%s → %i, nothing stored, nothing sent', async (_name, request, status) => {
    const before = await tableRowCounts(t.db);
    const sentBefore = sim.sent.length;
    const post: Inject = (url, body, headers) => t.app.inject({ method: 'POST', url, headers, payload: body });
    expect((await request(feishuClient(() => t.clock.now), post, t.clock.now)).statusCode).toBe(status);
    await t.app.bot.settle();
    expect(await tableRowCounts(t.db)).toEqual(before);
    expect(sim.sent.length).toBe(sentBefore);
  });
});

describe('forgery table: Feishu long-connection frames', () => {
  it.each(FEISHU_FRAMES)('%s → refused, never dispatched', async (_name, frame) => {
    const dispatched: unknown[] = [];
    const dispatcher = { dispatch: async (header: unknown) => (dispatched.push(header), {}) } as unknown as FeishuDispatcher;
    const connection = createFeishuLongConnection({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, baseUrl: 'http://127.0.0.1:9', encryptKey: FEISHU_TEST_APP.encryptKey, dispatcher, logger: pino({ level: 'silent' }) });
    await expect(connection.receive(frame(feishuClient(() => Date.parse(NOW))))).resolves.toBeUndefined();
    expect(dispatched).toEqual([]);
  });
});

describe('forgery table: DingTalk HTTP robot and card callbacks', () => {
  let sim: DingTalkSimulator;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startDingTalkSimulator({ clock: () => Date.parse(NOW) });
    t = await createTestApp({ now: NOW, seedDemoOrg: false, env: dingtalkEnv(sim, { DINGTALK_MODE: 'webhook', DINGTALK_CARD_CALLBACK_SECRET: CARD_SECRET, DINGTALK_CORP_ID: CORP, SANDBOX_ENABLED: 'false' }) });
    expect((await importOrg(t.db,readJsonRows(DINGTALK_ORG_ROWS),{ now: t.clock.now,actorUserId: null,source: 'cli' })).ok).toBe(true);
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  it.each(DINGTALK_HTTP)('%s → %i, nothing stored, nothing sent', async (_name, request, status, prepare) => {
    const post: Inject = (url, body, headers) => t.app.inject({ method: 'POST', url, headers, payload: body });
    const ctx: DingTalkCtx = { sim, now: t.clock.now, post, genuine: {} };
    await prepare?.(ctx);
    const before = await tableRowCounts(t.db);
    const sentBefore = sim.sent.length;
    expect((await request(ctx)).statusCode).toBe(status);
    await t.app.bot.settle();
    expect(await tableRowCounts(t.db)).toEqual(before);
    expect(sim.sent.length).toBe(sentBefore);
  });
});

describe('forgery table: DingTalk stream frames', () => {
  let sim: DingTalkSimulator;
  let t: TestApp;
  const rep = dingtalkUserId('S101');
  /** A genuine message and its reply: frames are handled in order, so once it is answered the frame before it was handled. */
  async function probe(): Promise<void> {
    const before = sim.sent.length;
    const { messageId } = sim.pushRobotMessage({ senderStaffId: rep, text: '帮助' });
    await sim.waitForAck(messageId);
    await sim.waitFor(() => sim.sent.length > before, 'reply to the probe');
  }
  const delta = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]));

  beforeAll(async () => {
    sim = await startDingTalkSimulator({});
    t = await createTestApp({ now: NOW, seedDemoOrg: false, env: dingtalkEnv(sim, { DINGTALK_MODE: 'stream', DINGTALK_CORP_ID: CORP, SANDBOX_ENABLED: 'false' }) });
    expect((await importOrg(t.db,readJsonRows(DINGTALK_ORG_ROWS),{ now: t.clock.now,actorUserId: null,source: 'cli' })).ok).toBe(true);
    // The stream starts once the server listens (on 127.0.0.1, to the simulator's gateway).
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await sim.waitForConnection(1);
    await probe();
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  let genuine: { messageId: string; payload: unknown } | undefined;
  const rows: [string, (sim: DingTalkSimulator) => { messageId: string }, (() => Promise<void>)?][] = [
    ...DINGTALK_FRAMES,
    [
      'replayed frame (a processed messageId pushed again)',
      (s) => s.pushFrame(TOPIC_ROBOT, genuine?.payload, genuine?.messageId),
      // The genuine frame first, answered and stored.
      async () => {
        const before = sim.sent.length;
        genuine = sim.pushRobotMessage({ senderStaffId: rep, text: '帮助' });
        await sim.waitFor(() => sim.sent.length > before, 'reply to the genuine frame');
      },
    ],
  ];

  it.each(rows)('%s → refused: nothing stored, nothing sent', async (_name, push, prepare) => {
    await prepare?.();
    // What a genuine probe alone stores and sends; the forged frame followed by a probe must store and send the same.
    const calibrate = await tableRowCounts(t.db);
    const sentCalibrate = sim.sent.length;
    await probe();
    const probeOnly = delta(calibrate, await tableRowCounts(t.db));
    const sentProbe = sim.sent.length - sentCalibrate;
    const start = await tableRowCounts(t.db);
    const sentStart = sim.sent.length;
    const forged = push(sim);
    await sim.waitForAck(forged.messageId);
    await probe();
    expect(delta(start, await tableRowCounts(t.db))).toEqual(probeOnly);
    expect(sim.sent.length - sentStart).toBe(sentProbe);
  });
});
