import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardModel, Reply } from '../../src/domain/card-model.js';
import { cardUpdateMessage, type Outbox } from '../../src/outbox/outbox.js';
import { DeliveryError, type Channel, type SentMessage } from '../../src/platforms/channel.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const decided: CardModel = { template: 'note', title: '已审批', elements: [{ type: 'markdown', text: '已由 林HR 审批通过' }] };

/** A Feishu-like channel that can replace sent cards; each update takes the next scripted outcome. */
function updatingChannel(options: { canUpdate?: boolean } = {}) {
  const updates: { messageId: string; reply: Reply }[] = [];
  const script: (Error | 'ok')[] = [];
  const channel: Channel = {
    name: 'feishu',
    limits: { perSecond: 1000, perRecipientPerSecond: 1000 },
    async reply() {
      throw new Error('not used');
    },
    async send() {
      throw new Error('not used');
    },
    ...(options.canUpdate === false
      ? {}
      : {
          async updateCard(message: SentMessage, reply: Reply) {
            const next = script.shift() ?? 'ok';
            if (next !== 'ok') throw next;
            updates.push({ messageId: message.messageId, reply });
          },
        }),
  };
  return { channel, updates, script };
}

const update = (key: string, messageId = 'om_copy_1') => cardUpdateMessage({ idempotencyKey: key, platform: 'feishu', messageId, card: decided });

/** "Update this platform message with this card" as an outbox row: durable, paced, retried, once per key. */
describe('outbox card updates', () => {
  let t: TestApp;
  let outbox: Outbox;
  const row = (key: string) => t.db.$client.prepare('SELECT * FROM outbox WHERE idempotency_key = ?').get(key) as Record<string, number | string | null>;

  beforeEach(async () => {
    t = await createTestApp();
    outbox = t.app.botDeps.outbox;
    outbox.settings.random = () => 1; // no jitter: exact backoff in assertions
  });
  afterEach(async () => t.close());

  it('an update that hits a 429 is retried when the platform says, and lands once', async () => {
    const fake = updatingChannel();
    t.app.botDeps.channels.set('feishu', fake.channel);
    fake.script.push(new DeliveryError('429 too many requests', { retryAfterMs: 5_000 }));
    expect(outbox.enqueue([update('assessment:update:7:v3:approved'), update('assessment:update:7:v3:approved')])).toEqual({ queued: 1, duplicates: 1 });

    expect(await outbox.tick()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(row('assessment:update:7:v3:approved')).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: t.clock.now + 5_000, last_error: '429 too many requests' });
    expect(fake.updates).toEqual([]);
    t.clock.advance(5_000);
    expect(await outbox.tick()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.updates).toEqual([{ messageId: 'om_copy_1', reply: { type: 'card', card: decided } }]);
    expect(row('assessment:update:7:v3:approved')).toMatchObject({ status: 'sent', attempts: 2, platform_message_id: 'om_copy_1' });
    // Enqueued again later (a rerun of the same decision): the key is known, nothing is sent twice.
    expect(outbox.enqueue([update('assessment:update:7:v3:approved')])).toEqual({ queued: 0, duplicates: 1 });
    await outbox.tick();
    expect(fake.updates).toHaveLength(1);
  });

  it('a channel without updateCard fails the update at once, for an admin to see', async () => {
    t.app.botDeps.channels.set('feishu', updatingChannel({ canUpdate: false }).channel);
    outbox.enqueue([update('assessment:update:8:v2:in_review')]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(row('assessment:update:8:v2:in_review')).toMatchObject({ status: 'failed', attempts: 1, last_error: 'channel feishu cannot update cards' });
    const listing = await t.app.inject({ method: 'GET', url: '/admin/outbox?status=failed', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(listing.json().messages[0]).toMatchObject({ target: { kind: 'message', messageId: 'om_copy_1' }, payload: { type: 'card-update' } });
  });

  it('a card update must name a sent message, and only a card update goes to one', async () => {
    const fake = updatingChannel();
    t.app.botDeps.channels.set('feishu', fake.channel);
    const toUser = { ...update('u1'), target: { kind: 'user' as const, recipient: { platform: 'feishu' as const, userRef: 'ou_1' } } };
    const textToMessage = { ...update('m1'), payload: { type: 'text' as const, text: 'hello' } };
    outbox.enqueue([toUser, textToMessage]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 2 });
    expect(fake.updates).toEqual([]);
  });

  it('the sandbox replaces the card in its transcript', async () => {
    const sent = await t.app.botDeps.channels.get('sandbox')!.send({ platform: 'sandbox', userRef: '1' }, { type: 'text', text: 'placeholder' }, { idempotencyKey: 'first' });
    outbox.enqueue([{ ...update('sb', sent.messageId), platform: 'sandbox' }]);
    expect(await outbox.tick()).toMatchObject({ sent: 1 });
    const stored = t.db.$client.prepare('SELECT payload FROM sandbox_messages WHERE id = ?').get(Number(sent.messageId)) as { payload: string };
    expect(JSON.parse(stored.payload)).toEqual({ type: 'card', card: decided });
  });
});
