import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { tableRowCounts } from '../helpers/table-counts.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';

/** The app's fixed clock; Feishu's side signs and stamps its requests with the same instant. */
const NOW = '2026-11-27T10:00:00+08:00';

describe('Feishu HTTP callbacks (app.inject + simulator)', () => {
  let sim: FeishuSimulator;
  let t: TestApp;
  const feishu = createFeishuEventClient({ ...FEISHU_TEST_APP, clock: () => t.clock.now });

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    // The signature timestamp is checked against the app clock: the event client signs with it.
    t = await createTestApp({ env: feishuEnv(sim.url), now: NOW, seedDemoOrg: false });
    const imported = await importOrg(t.db, readJsonRows(feishuDemoOrgRows()), { now: t.clock.now, actorUserId: null, source: 'cli' });
    expect(imported.ok).toBe(true);
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });
  beforeEach(() => {
    t.clock.set(NOW);
  });

  async function inject(path: string, envelope: unknown, options: Parameters<typeof feishu.request>[1] = {}) {
    const { body, headers } = feishu.request(envelope, options);
    return t.app.inject({ method: 'POST', url: path, headers, payload: body });
  }

  it('answers an encrypted url_verification with the challenge', async () => {
    const response = await inject('/webhooks/feishu/events', feishu.challenge('ajls384kdjxxxx'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ challenge: 'ajls384kdjxxxx' });
  });

  it('answers a plain url_verification carrying the right token, on the cards URL too', async () => {
    const response = await inject('/webhooks/feishu/cards', feishu.challenge('plain-challenge'), { plain: true });
    expect(response.json()).toEqual({ challenge: 'plain-challenge' });
    const wrong = await inject('/webhooks/feishu/cards', feishu.challenge('x', 'wrong-token'), { plain: true });
    expect(wrong.statusCode).toBe(401);
  });

  it('replies to a p2p 帮助 with a card 2.0, and a group @bot message with the mention stripped', async () => {
    const before = sim.sent.length;
    const ack = await inject('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', messageId: 'om_p2p_help' }));
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toEqual({});
    const [reply] = (await sim.waitForSent(before + 1)).slice(before);
    expect(reply).toMatchObject({ kind: 'reply', replyTo: 'om_p2p_help', msgType: 'interactive' });
    expect((reply?.content as { schema: string }).schema).toBe('2.0');
    expect(JSON.stringify(reply?.content)).toContain('销售助手 · 可用命令');

    await inject('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf('S102'), text: '帮助', chatType: 'group', chatId: 'oc_team', messageId: 'om_group_help' }));
    const [groupReply] = (await sim.waitForSent(before + 2)).slice(before + 1);
    expect(groupReply).toMatchObject({ kind: 'reply', replyTo: 'om_group_help', msgType: 'interactive' });
  });

  it('matches the sender by union_id when the open_id is unknown, then by user_id', async () => {
    const before = sim.sent.length;
    const ids = feishuIdsOf('S103');
    await inject('/webhooks/feishu/events', feishu.messageEvent({ sender: { open_id: 'ou_from_another_app', union_id: ids.union_id }, text: '帮助' }));
    await inject('/webhooks/feishu/events', feishu.messageEvent({ sender: { open_id: 'ou_other', user_id: ids.user_id }, text: '帮助' }));
    const replies = (await sim.waitForSent(before + 2)).slice(before);
    expect(replies.map((r) => r.msgType)).toEqual(['interactive', 'interactive']);
  });

  it('says only text is supported for a file (images and locations are check-ins), and refuses strangers politely', async () => {
    const before = sim.sent.length;
    await inject('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf('S104'), messageType: 'file', content: JSON.stringify({ file_key: 'file_1', file_name: 'a.pdf' }) }));
    await inject('/webhooks/feishu/events', feishu.messageEvent({ sender: { open_id: 'ou_stranger' }, text: '帮助' }));
    const replies = (await sim.waitForSent(before + 2)).slice(before);
    const texts = replies.map((r) => (r.content as { text: string }).text);
    expect(texts.some((x) => x.includes('只支持文字消息'))).toBe(true);
    expect(texts.some((x) => x.includes('不在本系统的组织名单'))).toBe(true);
  });

  it('handles a message once although Feishu delivers it four times (same event_id, and a new event_id for the same message_id)', async () => {
    const before = sim.sent.length;
    const envelope = feishu.messageEvent({ sender: feishuIdsOf('S105'), text: '帮助', messageId: 'om_retried' });
    for (let i = 0; i < 4; i += 1) expect((await inject('/webhooks/feishu/events', envelope)).statusCode).toBe(200);
    const redelivered = feishu.messageEvent({ sender: feishuIdsOf('S105'), text: '帮助', messageId: 'om_retried' });
    await inject('/webhooks/feishu/events', redelivered);
    await sim.waitForSent(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.sent.slice(before)).toHaveLength(1);
  });

  it('answers a card button with the updated card 2.0, and a repeated callback with a toast', async () => {
    const envelope = feishu.cardAction({ operator: feishuIdsOf('S101'), value: { command: 'help', args: {} }, name: 'btn_0_0' });
    const response = await inject('/webhooks/feishu/cards', envelope);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { card: { type: string; data: { schema: string } } };
    expect(body.card.type).toBe('raw');
    expect(body.card.data.schema).toBe('2.0');
    const again = await inject('/webhooks/feishu/cards', envelope);
    expect(again.json()).toEqual({ toast: { type: 'info', content: expect.stringContaining('已处理') } });
  });

  /** The outbox rows of a click's follow-ups (key `followup:feishu:<eventId>:<index>`). */
  const followUpRows = async (eventId: string) =>
    (await t.app.botDeps.outbox.list(undefined, 1000)).filter((row) => row.idempotencyKey.startsWith(`followup:feishu:${eventId}:`));
  const formClick = (messageId: string) =>
    feishu.cardAction({ operator: feishuIdsOf('S101'), value: { command: 'visit.form', args: {} }, messageId });

  it('sends what a click causes besides its answer through the outbox, as a reply to the clicked card', async () => {
    const envelope = formClick('om_menu_1');
    const before = sim.sent.length;
    const answer = await inject('/webhooks/feishu/cards', envelope);
    // The answer carries no card: the form is a new message, sent by the bot after the answer.
    expect(answer.json()).not.toHaveProperty('card');
    await t.app.bot.settle();
    expect(sim.sent.slice(before)).toMatchObject([{ kind: 'reply', replyTo: 'om_menu_1', msgType: 'interactive' }]);
    expect(await followUpRows(envelope.header.event_id)).toMatchObject([{ idempotencyKey: `followup:feishu:${envelope.header.event_id}:0`, status: 'sent' }]);
  });

  it('sends the follow-up of a redelivered click (same event id) once', async () => {
    const envelope = formClick('om_menu_2');
    const before = sim.sent.length;
    await inject('/webhooks/feishu/cards', envelope);
    const again = await inject('/webhooks/feishu/cards', envelope);
    expect(again.json()).toEqual({ toast: { type: 'info', content: expect.stringContaining('已处理') } });
    await t.app.bot.settle();
    await t.app.botDeps.outbox.tick();
    expect(sim.sent.slice(before).filter((m) => m.replyTo === 'om_menu_2')).toHaveLength(1);
    expect(await followUpRows(envelope.header.event_id)).toHaveLength(1);
  });

  it('retries a follow-up that hits 429s through the outbox, and it lands once', async () => {
    const envelope = formClick('om_menu_3');
    const before = sim.sent.length;
    // More 429s than the API client's own attempts: the first delivery gives up and the outbox keeps the row.
    sim.failNext('429', 10, { resetSeconds: 0 });
    const answer = await inject('/webhooks/feishu/cards', envelope);
    expect(answer.statusCode).toBe(200);
    await t.app.bot.settle();
    expect(sim.sent.length).toBe(before);
    expect(await followUpRows(envelope.header.event_id)).toMatchObject([{ status: 'pending', attempts: 1 }]);

    t.clock.advance(10 * 60_000);
    expect(await t.app.botDeps.outbox.tick()).toMatchObject({ sent: 1 });
    await t.app.botDeps.outbox.tick();
    expect(sim.sent.slice(before)).toMatchObject([{ kind: 'reply', replyTo: 'om_menu_3' }]);
    expect(await followUpRows(envelope.header.event_id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('turns an unknown card command into an error toast', async () => {
    const response = await inject('/webhooks/feishu/events', feishu.cardAction({ operator: feishuIdsOf('S101'), value: { command: 'nope', args: {} } }));
    expect(response.json()).toMatchObject({ toast: { type: 'error' } });
  });

  describe('rejections store nothing', () => {
    const message = () => feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助' });
    const cases: [string, () => Promise<{ statusCode: number }>, number][] = [
      ['bad signature', () => inject('/webhooks/feishu/events', message(), { badSignature: true }), 401],
      ['signature over a re-serialised body', () => inject('/webhooks/feishu/events', message(), { reserialise: true }), 401],
      ['stale timestamp', () => inject('/webhooks/feishu/events', message(), { timestampOffsetMs: -6 * 60 * 1000 }), 401],
      ['timestamp from the future', () => inject('/webhooks/feishu/events', message(), { timestampOffsetMs: 6 * 60 * 1000 }), 401],
      ['wrong verification token', () => inject('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', header: { token: 'forged' } })), 401],
      ['wrong app_id', () => inject('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', header: { app_id: 'cli_ffffffffffffffff' } })), 401],
      ['undecryptable payload', () => inject('/webhooks/feishu/events', message(), { encryptKey: 'another-key' }), 401],
      ['missing signature headers', () => t.app.inject({ method: 'POST', url: '/webhooks/feishu/events', headers: { 'content-type': 'application/json' }, payload: feishu.request(message()).body }), 401],
      ['non-JSON', () => inject('/webhooks/feishu/events', message(), { rawBody: 'this is not json' }), 400],
      ['a 2 MB body', () => inject('/webhooks/feishu/events', message(), { rawBody: JSON.stringify({ encrypt: 'A'.repeat(2 * 1024 * 1024) }) }), 413],
    ];
    it.each(cases)('%s', async (_name, send, status) => {
      const before = await tableRowCounts(t.db);
      const sentBefore = sim.sent.length;
      const response = await send();
      expect(response.statusCode).toBe(status);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await tableRowCounts(t.db)).toEqual(before);
      expect(sim.sent.length).toBe(sentBefore);
    });
  });
});

describe('Feishu shutdown', () => {
  it('app.close() waits for acknowledged messages still being delivered', async () => {
    const sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    const t = await createTestApp({ env: feishuEnv(sim.url), now: NOW, seedDemoOrg: false });
    try {
      await importOrg(t.db, readJsonRows(feishuDemoOrgRows()), { now: t.clock.now, actorUserId: null, source: 'cli' });
      const feishu = createFeishuEventClient({ ...FEISHU_TEST_APP, clock: () => t.clock.now });
      // The reply's first attempt is throttled (1 s reset), so it is still on its way when close() is called.
      sim.failNext('429', 1, { resetSeconds: 1 });
      const { body, headers } = feishu.request(feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助' }));
      const ack = await t.app.inject({ method: 'POST', url: '/webhooks/feishu/events', headers, payload: body });
      expect(ack.statusCode).toBe(200);
      expect(sim.sent).toHaveLength(0);
      await t.app.close();
      expect(sim.sent).toHaveLength(1);
    } finally {
      await t.close();
      await sim.close();
    }
  });
});

describe('Feishu callbacks with a Verification Token only (no Encrypt Key)', () => {
  it('accepts plain events with the right token and refuses the rest', async () => {
    const sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    const env = { ...feishuEnv(sim.url), FEISHU_ENCRYPT_KEY: '' };
    const t = await createTestApp({ env, now: NOW, seedDemoOrg: false });
    try {
      await importOrg(t.db, readJsonRows(feishuDemoOrgRows()), { now: t.clock.now, actorUserId: null, source: 'cli' });
      const plain = createFeishuEventClient({ appId: FEISHU_TEST_APP.appId, verificationToken: FEISHU_TEST_APP.verificationToken, clock: () => t.clock.now });
      const post = (envelope: unknown, options: Parameters<typeof plain.request>[1] = {}) => {
        const { body, headers } = plain.request(envelope, options);
        return t.app.inject({ method: 'POST', url: '/webhooks/feishu/events', headers, payload: body });
      };
      expect((await post(plain.challenge('c1'))).json()).toEqual({ challenge: 'c1' });
      expect((await post(plain.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', header: { token: 'forged' } }))).statusCode).toBe(401);
      expect((await post(plain.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助' }), { encryptKey: 'some-key' })).statusCode).toBe(401);
      expect(sim.sent).toHaveLength(0);
      expect((await post(plain.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助' }))).statusCode).toBe(200);
      await sim.waitForSent(1);
    } finally {
      await t.close();
      await sim.close();
    }
  });
});
