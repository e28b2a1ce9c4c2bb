import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeishuChannel } from '../../src/platforms/feishu/channel.js';
import { createFeishuDispatcher } from '../../src/platforms/feishu/dispatcher.js';
import type { InboundMessage } from '../../src/platforms/channel.js';
import { FEISHU_TEST_APP } from '../helpers/feishu.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { inTransaction } from '../../src/db/client.js';
import { isPg, queryRows, tablesOf } from '../../src/db/dialect.js';

/**
 * Store, then acknowledge, then work: a message event is durably 'received' by the time the
 * transport answers, and one a stopped process never handled is handled at the next start, once.
 */
describe('inbound messages are stored as received before the acknowledgement', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const stored = async (eventId: string) =>
    (await queryRows(t.db, sql`SELECT status, CASE WHEN event IS NOT NULL THEN 1 ELSE 0 END AS "hasEvent" FROM processed_events WHERE event_id = ${eventId}`))[0];
  const replies = async (eventId: string) => (await queryRows<{ n: number }>(t.db, sql`SELECT COUNT(*) AS n FROM outbox WHERE idempotency_key LIKE ${`reply:%:${eventId}:%`}`))[0]!.n;

  /** 帮助 from rep S101 in the sandbox, as the pipeline stores it. */
  const helpFromS101 = (eventId: string): InboundMessage => ({
    kind: 'message',
    platform: 'sandbox',
    eventId,
    sender: { platform: 'sandbox', ids: [{ kind: 'employee_no', value: 'S101' }] },
    conversation: { platform: 'sandbox', chatId: 'S101', chatType: 'p2p' },
    text: '帮助',
    receivedAt: t.clock.now,
  });

  // Feishu dedupes messages by message_id, so that is the stored event id.
  it('Feishu (webhook and long connection share the dispatcher): the event is stored when the ack is returned, handled after', async () => {
    const logger = pino({ level: 'silent' });
    const channel = createFeishuChannel({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, baseUrl: 'http://127.0.0.1:9', publicBaseUrl: 'https://kpi.example.com', logger });
    const dispatcher = createFeishuDispatcher({ appId: FEISHU_TEST_APP.appId, verificationToken: FEISHU_TEST_APP.verificationToken, bot: t.app.bot, channel, logger, clock: () => t.clock.now, publicBaseUrl: 'https://kpi.example.com' });
    const envelope = createFeishuEventClient({ ...FEISHU_TEST_APP, clock: () => t.clock.now }).messageEvent({ sender: { open_id: 'ou_nobody' }, text: '帮助', messageId: 'om_ack_1' });

    expect(await dispatcher.dispatch(envelope.header, envelope.event)).toEqual({});
    // The ack is what dispatch returns: the row is there, still to be handled.
    expect(await stored('om_ack_1')).toEqual({ status: 'received', hasEvent: 1 });
    await channel.inFlight.drain(30_000);
    expect(await stored('om_ack_1')).toEqual({ status: 'done', hasEvent: 0 });
    expect(await replies('om_ack_1')).toBe(1);
    await channel.close();
  });

  // SQLite has one connection: a feature's transaction that awaits something else keeps it, and the ack
  // waits for it. PostgreSQL's pool stores the event on another connection: the ack need not wait.
  it('Feishu: while another event\'s transaction is open, the ack comes once the event is stored (SQLite: after that transaction)', async () => {
    const logger = pino({ level: 'silent' });
    const channel = createFeishuChannel({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, baseUrl: 'http://127.0.0.1:9', publicBaseUrl: 'https://kpi.example.com', logger });
    const dispatcher = createFeishuDispatcher({ appId: FEISHU_TEST_APP.appId, verificationToken: FEISHU_TEST_APP.verificationToken, bot: t.app.bot, channel, logger, clock: () => t.clock.now, publicBaseUrl: 'https://kpi.example.com' });
    const envelope = createFeishuEventClient({ ...FEISHU_TEST_APP, clock: () => t.clock.now }).messageEvent({ sender: { open_id: 'ou_nobody' }, text: '帮助', messageId: 'om_ack_busy' });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const busy = inTransaction(t.db, async () => held);
    let answered = false;
    const ack = dispatcher.dispatch(envelope.header, envelope.event).then((body) => ((answered = true), body));
    try {
      if (isPg(t.db)) {
        expect(await ack).toEqual({});
        expect(await stored('om_ack_busy')).toMatchObject({ status: 'received', hasEvent: 1 });
      } else {
        await new Promise((resolve) => setImmediate(resolve));
        expect(answered).toBe(false);
        expect(await stored('om_ack_busy')).toBeUndefined();
      }
    } finally {
      release();
      await busy;
    }
    expect(await ack).toEqual({});
    expect(await stored('om_ack_busy')).toMatchObject({ hasEvent: 1 });
    await channel.inFlight.drain(30_000);
    expect(await stored('om_ack_busy')).toEqual({ status: 'done', hasEvent: 0 });
    await channel.close();
  });

  it('a message acknowledged but not handled before a stop is handled at the next start, and a redelivery does nothing more', async () => {
    const event = helpFromS101('ev-crash-1');
    // What a stop between the ack and the work leaves behind.
    await t.db.insert(tablesOf(t.db).processedEvents).values({ platform: 'sandbox', eventId: 'ev-crash-1', receivedAt: t.clock.now, status: 'received', event });

    expect(await t.app.bot.resumeReceived()).toBe(1);
    expect(await stored('ev-crash-1')).toEqual({ status: 'done', hasEvent: 0 });
    expect(await replies('ev-crash-1')).toBe(1);

    await t.app.bot.handleMessage(event);
    expect(await t.app.bot.resumeReceived()).toBe(0);
    expect(await replies('ev-crash-1')).toBe(1);
  });

  it('a stored message whose handling fails is tried again, set aside as failed after three attempts, and never holds up the ones stored after it', async () => {
    const { processedEvents } = tablesOf(t.db);
    const good = helpFromS101('ev-after-poison');
    // Stored first (so resumed first) in a shape the handler cannot take: an older version's row, say.
    const poison = { kind: 'message', platform: 'sandbox', eventId: 'ev-poison', conversation: good.conversation, text: '帮助', receivedAt: t.clock.now - 1_000 };
    await t.db.insert(processedEvents).values({ platform: 'sandbox', eventId: 'ev-poison', receivedAt: t.clock.now - 1_000, status: 'received', event: poison });
    await t.db.insert(processedEvents).values({ platform: 'sandbox', eventId: 'ev-after-poison', receivedAt: t.clock.now, status: 'received', event: good });

    expect(await t.app.bot.resumeReceived()).toBe(1);
    expect(await stored('ev-after-poison')).toEqual({ status: 'done', hasEvent: 0 });
    expect(await replies('ev-after-poison')).toBe(1);
    expect(await stored('ev-poison')).toEqual({ status: 'received', hasEvent: 1 });

    expect(await t.app.bot.resumeReceived()).toBe(0);
    expect(await stored('ev-poison')).toEqual({ status: 'received', hasEvent: 1 });
    expect(await t.app.bot.resumeReceived()).toBe(0);
    // The third failure sets it aside, its body kept for an operator; later sweeps leave it alone.
    expect(await stored('ev-poison')).toEqual({ status: 'failed', hasEvent: 1 });
    expect(await t.app.bot.resumeReceived()).toBe(0);
    expect(await stored('ev-poison')).toEqual({ status: 'failed', hasEvent: 1 });
    expect(await replies('ev-poison')).toBe(0);
  });
});
