import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, tablesOf } from '../../src/db/dialect.js';
import type { CardModel, Reply } from '../../src/domain/card-model.js';
import { cardUpdateMessage, type Outbox } from '../../src/outbox/outbox.js';
import { DeliveryError, type Channel, type SentMessage } from '../../src/platforms/channel.js';
import { admin, buttonAction, flush, latestCard, seedNovember } from '../helpers/assessment.js';
import { sandboxChat } from '../helpers/sandbox-chat.js';
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
  const row = async (key: string) => (await queryRows<Record<string, number | string | null>>(t.db, sql`SELECT * FROM outbox WHERE idempotency_key = ${key}`))[0];

  beforeEach(async () => {
    t = await createTestApp();
    outbox = t.app.botDeps.outbox;
    outbox.settings.random = () => 1; // no jitter: exact backoff in assertions
  });
  afterEach(async () => t.close());

  it('an update that hits a 429 is retried when the platform says, and lands once', async () => {
    const fake = updatingChannel();
    t.app.platformChannels.set('feishu', fake.channel);
    fake.script.push(new DeliveryError('429 too many requests', { retryAfterMs: 5_000 }));
    expect(await outbox.enqueue([update('assessment:update:7:v3:approved'), update('assessment:update:7:v3:approved')])).toEqual({ queued: 1, duplicates: 1 });

    expect(await outbox.tick()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('assessment:update:7:v3:approved')).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: t.clock.now + 5_000, last_error: '429 too many requests' });
    expect(fake.updates).toEqual([]);
    t.clock.advance(5_000);
    expect(await outbox.tick()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.updates).toEqual([{ messageId: 'om_copy_1', reply: { type: 'card', card: decided } }]);
    expect(await row('assessment:update:7:v3:approved')).toMatchObject({ status: 'sent', attempts: 2, platform_message_id: 'om_copy_1' });
    // Enqueued again later (a rerun of the same decision): the key is known, nothing is sent twice.
    expect(await outbox.enqueue([update('assessment:update:7:v3:approved')])).toEqual({ queued: 0, duplicates: 1 });
    await outbox.tick();
    expect(fake.updates).toHaveLength(1);
  });

  it('a channel without updateCard fails the update at once, for an admin to see', async () => {
    t.app.platformChannels.set('feishu', updatingChannel({ canUpdate: false }).channel);
    await outbox.enqueue([update('assessment:update:8:v2:in_review')]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row('assessment:update:8:v2:in_review')).toMatchObject({ status: 'failed', attempts: 1, last_error: 'channel feishu cannot update cards' });
    const listing = await t.app.inject({ method: 'GET', url: '/admin/outbox?status=failed', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(listing.json().messages[0]).toMatchObject({ target: { kind: 'message', messageId: 'om_copy_1' }, payload: { type: 'card-update' } });
  });

  it('a card update must name a sent message, and only a card update goes to one', async () => {
    const fake = updatingChannel();
    t.app.platformChannels.set('feishu', fake.channel);
    const toUser = { ...update('u1'), target: { kind: 'user' as const, recipient: { platform: 'feishu' as const, userRef: 'ou_1' } } };
    const textToMessage = { ...update('m1'), payload: { type: 'text' as const, text: 'hello' } };
    await outbox.enqueue([toUser, textToMessage]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 2 });
    expect(fake.updates).toEqual([]);
  });

  it('the sandbox replaces the card in its transcript', async () => {
    const sent = await t.app.platformChannels.get('sandbox')!.send({ platform: 'sandbox', userRef: '1' }, { type: 'text', text: 'placeholder' }, { idempotencyKey: 'first' });
    await outbox.enqueue([{ ...update('sb', sent.messageId), platform: 'sandbox' }]);
    expect(await outbox.tick()).toMatchObject({ sent: 1 });
    const { sandboxMessages } = tablesOf(t.db);
    const [stored] = await t.db.select({ payload: sandboxMessages.payload }).from(sandboxMessages).where(eq(sandboxMessages.id, Number(sent.messageId)));
    expect(stored?.payload).toEqual({ type: 'card', card: decided });
  });

  it('after an HR decision, the other HR copy is replaced through the outbox: a 429 delays it, it lands once', async () => {
    await t.close();
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    outbox = t.app.botDeps.outbox;
    outbox.settings.random = () => 1;
    await seedNovember(t.db);
    await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    await flush(t.app);
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    await sandboxChat(t.app, 'S100').click(review, buttonAction(review.card, '提交审批'));
    await flush(t.app);
    const other = await latestCard(t.app, 'A001', 'assessment-approval');

    // The sandbox answers the first update of A001's copy with a 429, as Feishu does when a burst of PATCHes hits its limit.
    const sandbox = t.app.platformChannels.get('sandbox')!;
    const updated: string[] = [];
    let throttled = false;
    t.app.platformChannels.set('sandbox', {
      ...sandbox,
      async updateCard(message, reply) {
        if (message.messageId === String(other.id) && !throttled) {
          throttled = true;
          throw new DeliveryError('429 too many requests', { retryAfterMs: 3_000 });
        }
        updated.push(message.messageId);
        await sandbox.updateCard!(message, reply);
      },
    });
    const hrCard = await latestCard(t.app, 'H001', 'assessment-approval');
    expect((await sandboxChat(t.app, 'H001').click(hrCard, buttonAction(hrCard.card, '通过'))).toast?.kind).toBe('success');
    const keys = (await queryRows<{ key: string }>(t.db, sql`SELECT idempotency_key AS key FROM outbox WHERE idempotency_key LIKE 'assessment:update:%' ORDER BY id`)).map((r) => r.key);
    // One update per copy replaced (the clicked copy is replaced by the click's answer), keyed by copy, version and status.
    expect(keys).toEqual([expect.stringMatching(/^assessment:update:\d+:v3:approved$/), expect.stringMatching(/^assessment:update:\d+:v3:approved$/)]);

    await flush(t.app);
    expect(throttled).toBe(true);
    expect(updated).not.toContain(String(other.id));
    t.clock.advance(3_000);
    await flush(t.app);
    await flush(t.app);
    expect(updated.filter((id) => id === String(other.id))).toHaveLength(1);
    expect((await latestCard(t.app, 'A001', 'assessment-approval')).card.elements.some((e) => e.type === 'actions')).toBe(false);
  });
});
