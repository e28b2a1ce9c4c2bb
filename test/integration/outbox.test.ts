import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeSql, queryRows } from '../../src/db/dialect.js';
import { textReply, type Reply } from '../../src/domain/card-model.js';
import { DeliveryError, type Channel, type Recipient } from '../../src/platforms/channel.js';
import type { Outbox } from '../../src/outbox/outbox.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

/** A channel whose failures the test scripts: each send takes the next scripted outcome. */
function scriptedChannel() {
  const delivered: { key: string; to: string; reply: Reply }[] = [];
  const script: (Error | 'ok')[] = [];
  const channel: Channel = {
    name: 'feishu',
    limits: { perSecond: 1000, perRecipientPerSecond: 1000 },
    async reply() {
      throw new Error('not used');
    },
    async send(recipient: Recipient, reply: Reply, options) {
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      delivered.push({ key: options.idempotencyKey, to: recipient.userRef, reply });
      return { platform: 'feishu', messageId: `om_${delivered.length}` };
    },
  };
  return { channel, delivered, script };
}

const message = (key: string, to = 'ou_1') => ({
  idempotencyKey: key,
  platform: 'feishu' as const,
  target: { kind: 'user' as const, recipient: { platform: 'feishu' as const, userRef: to } },
  payload: textReply(`hello ${key}`),
});

describe('outbox', () => {
  let t: TestApp;
  let outbox: Outbox;
  let fake: ReturnType<typeof scriptedChannel>;
  const row = async (key: string) => (await queryRows<Record<string, number | string | null>>(t.db, sql`SELECT * FROM outbox WHERE idempotency_key = ${key}`))[0];

  beforeEach(async () => {
    t = await createTestApp();
    fake = scriptedChannel();
    t.app.platformChannels.set('feishu', fake.channel);
    outbox = t.app.botDeps.outbox;
    outbox.settings.random = () => 1; // no jitter: exact backoff in assertions
  });
  afterEach(async () => t.close());

  it('stores a key once, however often it is enqueued', async () => {
    expect(await outbox.enqueue([message('k1'), message('k1'), message('k2')])).toEqual({ queued: 2, duplicates: 1 });
    expect(await outbox.enqueue([message('k1')])).toEqual({ queued: 0, duplicates: 1 });
    await outbox.tick();
    await outbox.tick();
    expect(fake.delivered.map((d) => d.key)).toEqual(['k1', 'k2']);
  });

  it('retries after the platform says when, with exponential backoff, then delivers once', async () => {
    fake.script.push(new DeliveryError('429 too many requests', { retryAfterMs: 7_000 }), new DeliveryError('HTTP 503'));
    await outbox.enqueue([message('k1')]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('k1')).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: t.clock.now + 7_000, last_error: '429 too many requests' });

    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet
    t.clock.advance(7_000);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('k1')).toMatchObject({ attempts: 2, next_attempt_at: t.clock.now + 2_000 }); // 1 s × 2^(2-1)
    t.clock.advance(2_000);
    expect(await outbox.tick()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row('k1')).toMatchObject({ status: 'sent', attempts: 3, platform_message_id: 'om_1' });
    expect(fake.delivered).toHaveLength(1);
  });

  it('gives up after the configured attempts, shows the message to admins, and an admin can retry it', async () => {
    outbox.settings.maxAttempts = 2;
    fake.script.push(new DeliveryError('HTTP 500'), new DeliveryError('HTTP 500'));
    await outbox.enqueue([message('k1')]);
    await outbox.tick();
    t.clock.advance(60_000);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });

    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const failed = await t.app.inject({ method: 'GET', url: '/admin/outbox?status=failed', headers: auth });
    const body = failed.json() as { counts: Record<string, number>; messages: { id: number; idempotencyKey: string; lastError: string }[] };
    expect(body.counts.failed).toBe(1);
    expect(body.messages[0]).toMatchObject({ idempotencyKey: 'k1', lastError: 'HTTP 500' });

    const retry = await t.app.inject({ method: 'POST', url: `/admin/outbox/${body.messages[0]!.id}/retry`, headers: auth });
    expect(retry.statusCode).toBe(200);
    expect(await outbox.tick()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const again = await t.app.inject({ method: 'POST', url: `/admin/outbox/${body.messages[0]!.id}/retry`, headers: auth });
    expect(again.statusCode).toBe(404);
  });

  it('fails a permanent error at once', async () => {
    fake.script.push(new DeliveryError('user not found', { permanent: true }));
    await outbox.enqueue([message('k1')]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });
  });

  it('resumes a message a crashed sender left in flight, once its lease expires', async () => {
    await outbox.enqueue([message('k1')]);
    // What a crash leaves behind: the row claimed for sending, never finished.
    await executeSql(t.db, sql`UPDATE outbox SET status = 'sending', lease_until = ${t.clock.now + 60_000} WHERE idempotency_key = 'k1'`);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 0 });
    t.clock.advance(60_001);
    expect(await outbox.tick()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.delivered.map((d) => d.key)).toEqual(['k1']);
  });

  it('a channel that is not enabled delays the message rather than losing it', async () => {
    await outbox.enqueue([{ ...message('k1'), platform: 'dingtalk' }]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('k1')).toMatchObject({ status: 'pending', last_error: 'channel dingtalk is not enabled' });
  });
});
