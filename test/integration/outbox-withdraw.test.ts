import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/dialect.js';
import type { CardModel, Reply } from '../../src/domain/card-model.js';
import { cardUpdateOfMessage, type Outbox, type OutboxMessage } from '../../src/outbox/outbox.js';
import { DeliveryError, type Channel } from '../../src/platforms/channel.js';
import { createOpsStats } from '../../src/db/repositories/ops-stats.js';
import { createOutboxStore } from '../../src/db/repositories/outbox-store.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const retracted: CardModel = { template: 'note', title: '喜报撤回', elements: [{ type: 'markdown', text: '这笔成交已被撤销' }] };

/** A Feishu-like channel: posts to a chat (each send takes the next scripted outcome) and replaces cards. */
function groupChannel() {
  const posts: { chatId: string; messageId: string }[] = [];
  const updates: string[] = [];
  const script: (Error | 'ok')[] = [];
  const channel: Channel = {
    name: 'feishu',
    limits: { perSecond: 1000, perRecipientPerSecond: 1000 },
    async reply(conversation) {
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      const messageId = `om_${posts.length + 1}`;
      posts.push({ chatId: conversation.chatId, messageId });
      return { platform: 'feishu', messageId };
    },
    async send() {
      throw new Error('not used');
    },
    async updateCard(message) {
      updates.push(message.messageId);
    },
  };
  return { channel, posts, updates, script };
}

const post = (key: string): OutboxMessage => ({
  idempotencyKey: key,
  platform: 'feishu',
  target: { kind: 'conversation', conversation: { platform: 'feishu', chatId: 'oc_team', chatType: 'group' } },
  payload: { type: 'text', text: '喜报' } as Reply,
});
const retraction = (of: string) => cardUpdateOfMessage({ idempotencyKey: `${of}:retracted`, platform: 'feishu', of, card: retracted });

describe('outbox: withdrawing a message not sent yet', () => {
  let t: TestApp;
  let outbox: Outbox;
  let fake: ReturnType<typeof groupChannel>;
  const row = async (key: string) => (await queryRows(t.db, sql`SELECT status, attempts, platform_message_id FROM outbox WHERE idempotency_key = ${key}`))[0];

  beforeEach(async () => {
    t = await createTestApp();
    outbox = t.app.botDeps.outbox;
    outbox.settings.random = () => 1;
    fake = groupChannel();
    t.app.platformChannels.set('feishu', fake.channel);
  });
  afterEach(async () => t.close());

  it('a pending message is withdrawn and never sent; the admin listing and counts show it, the backlog does not', async () => {
    await outbox.enqueue([post('win:1')]);
    expect(await outbox.withdraw('win:1')).toEqual({ status: 'withdrawn', platformMessageId: null });
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.posts).toEqual([]);
    expect(await row('win:1')).toEqual({ status: 'withdrawn', attempts: 0, platform_message_id: null });
    // Enqueued again (a re-run): the key is known, nothing goes out.
    expect(await outbox.enqueue([post('win:1')])).toEqual({ queued: 0, duplicates: 1 });
    expect(await outbox.retry(1)).toBe(false);
    const listing = await t.app.inject({ method: 'GET', url: '/admin/outbox?status=withdrawn', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(listing.json()).toMatchObject({ counts: { withdrawn: 1 }, messages: [{ idempotencyKey: 'win:1', status: 'withdrawn' }] });
    // skb_outbox_depth and the oldest age read the backlog: a withdrawn message is not waiting.
    expect(await createOpsStats(t.db, ':memory:').outboxBacklog()).toEqual({ depth: 0, oldestCreatedAt: null });
  });

  it('a sent, claimed or retried message is not withdrawn (it is or may be out); an unknown key is undefined', async () => {
    await outbox.enqueue([post('win:sent'), post('win:claimed'), post('win:retried')]);
    fake.script.push('ok', new DeliveryError('503'));
    await outbox.deliverNow(['win:sent']);
    expect(await outbox.withdraw('win:sent')).toEqual({ status: 'sent', platformMessageId: 'om_1' });
    await createOutboxStore(t.db).claimDue({ now: t.clock.now, leaseMs: 60_000, limit: 1, onlyKey: 'win:claimed' });
    expect(await outbox.withdraw('win:claimed')).toMatchObject({ status: 'sending' });
    await outbox.deliverNow(['win:retried']);
    expect(await row('win:retried')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await outbox.withdraw('win:retried')).toMatchObject({ status: 'pending' });
    expect(await outbox.withdraw('win:unknown')).toBeUndefined();
  });

  it('a card update for a message still on its way waits (no attempt used), then replaces it once it is sent', async () => {
    await outbox.enqueue([post('win:2')]);
    fake.script.push(new DeliveryError('429', { retryAfterMs: 5_000 }));
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 1, failed: 0 });
    await outbox.enqueue([retraction('win:2')]);
    // The post is due in 5 s: the update waits until then, without spending an attempt.
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('win:2:retracted')).toEqual({ status: 'pending', attempts: 0, platform_message_id: null });
    expect(fake.updates).toEqual([]);
    t.clock.advance(5_000);
    // Both due: the post goes out; the update, if it ran while the post was being sent, waits a little more.
    await outbox.tick();
    t.clock.advance(outbox.settings.baseDelayMs);
    await outbox.tick();
    expect(fake.posts).toEqual([{ chatId: 'oc_team', messageId: 'om_1' }]);
    expect(fake.updates).toEqual(['om_1']);
    expect(await row('win:2:retracted')).toEqual({ status: 'sent', attempts: 1, platform_message_id: 'om_1' });
  });

  it('a card update for a message that failed or was withdrawn is withdrawn too', async () => {
    await outbox.enqueue([post('win:3'), post('win:4')]);
    fake.script.push(new DeliveryError('bot not in chat', { permanent: true }));
    await outbox.deliverNow(['win:3']);
    await outbox.withdraw('win:4');
    await outbox.enqueue([retraction('win:3'), retraction('win:4'), retraction('win:never-queued')]);
    expect(await outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.updates).toEqual([]);
    for (const key of ['win:3:retracted', 'win:4:retracted', 'win:never-queued:retracted']) expect(await row(key)).toMatchObject({ status: 'withdrawn', attempts: 0 });
  });
});
