import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textReply } from '../../src/domain/card-model.js';
import { createOutboxStore } from '../../src/db/repositories/outbox-store.js';
import type { Db } from '../../src/db/client.js';
import { queryRows } from '../../src/db/dialect.js';
import { createOutbox, type Outbox } from '../../src/outbox/outbox.js';
import { DeliveryError, type Channel, type PlatformName } from '../../src/platforms/channel.js';
import { freshTestDb } from '../helpers/fresh-db.js';

/**
 * Two outbox instances on one database (two service processes), one simulated platform. The first
 * sender's send hangs until the test lets it go (a DingTalk send with its own retries can take longer
 * than the lease); the clock is injected, so "the lease expired" is a clock move, not a wait.
 */
const LEASE_MS = 60_000;
const START = Date.parse('2026-11-27T10:00:00+08:00');

function simulatedPlatform() {
  /** Sends the platform accepted, in order: what a person would see. */
  const delivered: { key: string; messageId: string }[] = [];
  const held: { key: string; finish(outcome: 'ok' | Error): void }[] = [];
  let holdNext = 0;
  const channel: Channel = {
    name: 'feishu',
    limits: { perSecond: 1000, perRecipientPerSecond: 1000 },
    async reply() {
      throw new Error('not used');
    },
    async send(_recipient, _reply, options) {
      if (holdNext > 0) {
        holdNext -= 1;
        let finish!: (outcome: 'ok' | Error) => void;
        const outcome = new Promise<'ok' | Error>((resolve) => (finish = resolve));
        held.push({ key: options.idempotencyKey, finish });
        const result = await outcome;
        if (result !== 'ok') throw result;
      }
      const messageId = `om_${delivered.length + 1}`;
      delivered.push({ key: options.idempotencyKey, messageId });
      return { platform: 'feishu', messageId };
    },
  };
  return {
    channel,
    delivered,
    /** The next send hangs until the test finishes it; resolves once that send has started. */
    holdNextSend(): { started: () => Promise<void>; finish: (outcome: 'ok' | Error) => void } {
      holdNext += 1;
      const index = held.length;
      return {
        started: async () => {
          while (!held[index]) await new Promise((resolve) => setImmediate(resolve));
        },
        finish: (outcome) => held[index]!.finish(outcome),
      };
    },
  };
}

const message = (key: string) => ({
  idempotencyKey: key,
  platform: 'feishu' as const,
  target: { kind: 'user' as const, recipient: { platform: 'feishu' as const, userRef: 'ou_1' } },
  payload: textReply(`hello ${key}`),
});

describe('outbox leases are fenced by token', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let now: number;
  let platform: ReturnType<typeof simulatedPlatform>;
  let first: Outbox;
  let second: Outbox;
  const row = async (key: string) => (await queryRows(db, sql`SELECT status, attempts, platform_message_id, lease_token FROM outbox WHERE idempotency_key = ${key}`))[0];
  const sendsOf = (key: string) => platform.delivered.filter((d) => d.key === key).length;

  beforeEach(async () => {
    ({ db, cleanup } = await freshTestDb('outbox_fencing'));
    now = START;
    platform = simulatedPlatform();
    const instance = () =>
      createOutbox({
        store: createOutboxStore(db),
        channels: new Map<PlatformName, Channel>([['feishu', platform.channel]]),
        clock: () => now,
        logger: pino({ level: 'silent' }),
        settings: { leaseMs: LEASE_MS, random: () => 1 },
      });
    first = instance();
    second = instance();
  });
  afterEach(async () => cleanup());

  it('a sender whose slow send fails after its lease was taken over changes nothing: one delivery, the row is the second sender’s', async () => {
    await first.enqueue([message('k1')]);
    const slow = platform.holdNextSend();
    const firstTick = first.tick();
    await slow.started();

    now += LEASE_MS + 1;
    expect(await second.tick()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const secondsState = await row('k1');
    expect(secondsState).toMatchObject({ status: 'sent', attempts: 1, platform_message_id: 'om_1', lease_token: null });

    // The first sender's DingTalk-style retries give up late: without the fence this puts the row
    // back to pending and the next tick sends it a second time.
    slow.finish(new DeliveryError('HTTP 503 after 3 retries'));
    expect(await firstTick).toEqual({ sent: 0, retried: 0, failed: 0 });
    now += 10 * 60_000;
    await first.tick();
    await second.tick();

    expect(platform.delivered).toEqual([{ key: 'k1', messageId: 'om_1' }]);
    expect(await row('k1')).toEqual(secondsState);
  });

  it('a late success of the first sender does not overwrite the second sender’s result', async () => {
    await first.enqueue([message('k1')]);
    const slow = platform.holdNextSend();
    const firstTick = first.tick();
    await slow.started();
    now += LEASE_MS + 1;
    await second.tick();
    const secondsState = await row('k1');

    slow.finish('ok');
    expect(await firstTick).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await row('k1')).toEqual(secondsState);
  });

  it('a sender does not start the next message of its batch once that lease was taken over', async () => {
    await first.enqueue([message('k1'), message('k2')]);
    const slow = platform.holdNextSend();
    const firstTick = first.tick();
    await slow.started();

    now += LEASE_MS + 1;
    expect(await second.tick()).toEqual({ sent: 2, retried: 0, failed: 0 });
    slow.finish(new DeliveryError('timeout'));
    await firstTick;

    expect([sendsOf('k1'), sendsOf('k2')]).toEqual([1, 1]);
  });

  it('a sender does not start a message whose lease expired while it waited, and the next claim sends it', async () => {
    await first.enqueue([message('k1'), message('k2')]);
    const slow = platform.holdNextSend();
    const firstTick = first.tick();
    await slow.started();
    now += LEASE_MS + 1;
    slow.finish('ok');
    // k1's send finished and nobody took it over: it counts. k2's lease ran out before its send began.
    expect(await firstTick).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sendsOf('k2')).toBe(0);
    expect(await row('k2')).toMatchObject({ status: 'sending', attempts: 0 });

    expect(await first.tick()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect([sendsOf('k1'), sendsOf('k2')]).toEqual([1, 1]);
  });
});
