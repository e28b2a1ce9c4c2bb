import type { Logger } from 'pino';
import type { OutboxRow, OutboxStatus, OutboxStore } from '../db/repositories/outbox-store.js';
import { DeliveryError, type Channel, type PlatformName } from '../platforms/channel.js';
import { dispatch, recipientKey, type OutboxMessage, type OutboxPayload, type OutboxTarget } from './messages.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';

export { cardUpdateMessage, cardUpdateOfMessage, filePayload, type OutboxCardUpdatePayload, type OutboxFilePayload, type OutboxPlatformTaskPayload, type OutboxMessage, type OutboxPayload, type OutboxTarget } from './messages.js';

export interface OutboxSettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a sender owns a row it is sending; a crashed sender's rows are taken over after it. */
  leaseMs: number;
  batchSize: number;
  /** Recipients served at once; one recipient's messages still go one after another, in order. */
  concurrency: number;
  random: () => number;
}

export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  leaseMs: 60_000,
  batchSize: 100,
  concurrency: 1,
  random: Math.random,
};

type Row = OutboxRow;

/** 'withdrawn': a card update whose message will never be sent (withdrawn or failed) is set aside. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'lost' | 'withdrawn';

const DEFAULT_LIMITS = { perSecond: 20, perRecipientPerSecond: 5 };

/**
 * The outbox: enqueue messages (idempotently), and deliver them with pacing, retries with
 * exponential backoff and jitter, and a give-up after maxAttempts (status 'failed', retryable by an
 * admin). Rows being sent are leased, so a crash mid-send resumes on restart.
 */
export function createOutbox(deps: {
  store: OutboxStore;
  channels: Map<PlatformName, Channel>;
  clock: () => number;
  logger: Logger;
  settings?: Partial<OutboxSettings>;
  /** Told the outcome of every delivery attempt (the metrics' sends by result). */
  onDelivery?: (platform: PlatformName, outcome: DeliveryOutcome) => void;
  /** Told of each message given up on (e.g. a group post to a group the bot left: admins hear of it). */
  onFailed?: (row: { idempotencyKey: string; platform: PlatformName; target: OutboxTarget }, failure: { permanent: boolean; error: string }) => Promise<void>;
  /**
   * Told of each message sent, with the platform's id for what it made (a task's id is kept by its
   * feature). A failure here is logged: the send itself stands, and the id stays in the row.
   */
  onSent?: (sent: { idempotencyKey: string; payload: OutboxPayload; messageId: string }) => Promise<void>;
}) {
  const { store, channels, clock, logger } = deps;
  const settings = { ...DEFAULT_OUTBOX_SETTINGS, ...deps.settings };
  const limiters = new Map<PlatformName, RateLimiter>();
  let loop: { stop: boolean; done: Promise<void>; wake: () => void } | undefined;

  function limiterFor(platform: PlatformName): RateLimiter {
    let limiter = limiters.get(platform);
    if (!limiter) {
      limiter = createRateLimiter(channels.get(platform)?.limits ?? DEFAULT_LIMITS);
      limiters.set(platform, limiter);
    }
    return limiter;
  }

  function backoffMs(attempts: number, error: unknown): number {
    const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    // Full jitter in the upper half: spreads a burst of failures without collapsing to zero.
    const jittered = Math.round(exponential * (0.5 + settings.random() * 0.5));
    const platformSays = error instanceof DeliveryError ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, platformSays);
  }

  /** Claims due rows (pending, or sending with an expired lease) for this sender. */
  function claim(limit: number, onlyKey?: string): Promise<Row[]> {
    return store.claimDue({ now: clock(), leaseMs: settings.leaseMs, limit, ...(onlyKey ? { onlyKey } : {}) });
  }

  /**
   * Sends one claimed row. 'lost': the lease expired before the send started, or another sender took
   * the row over while this one was sending (its own send may outlive leaseMs, e.g. DingTalk's
   * retries); the row is then left to whoever holds it now.
   */
  /**
   * A card update for a message another row is still sending: the message id once that row is sent;
   * 'wait' (until when) while it is pending or being sent; 'never' when it failed or was withdrawn.
   * Waiting uses no attempt: it is bounded by the other row, which ends sent, failed or withdrawn.
   */
  async function messageOf(key: string): Promise<{ messageId: string } | { wait: number } | 'never'> {
    const other = await store.byKey(key);
    if (other?.status === 'sent' && other.platformMessageId) return { messageId: other.platformMessageId };
    if (!other || other.status === 'failed' || other.status === 'withdrawn' || other.status === 'sent') return 'never';
    const soon = clock() + settings.baseDelayMs;
    return { wait: other.status === 'pending' ? Math.max(soon, other.nextAttemptAt) : soon };
  }

  async function deliverOnce(row: Row): Promise<DeliveryOutcome> {
    const channel = channels.get(row.platform);
    let target = row.target as OutboxTarget;
    const attempts = row.attempts + 1;
    const lease = { id: row.id, token: row.leaseToken ?? '' };
    const lost = (step: string): 'lost' => {
      logger.warn({ outboxId: row.id, platform: row.platform, step }, 'outbox lease lost: another sender owns the message');
      return 'lost';
    };
    try {
      if (!channel) throw new DeliveryError(`channel ${row.platform} is not enabled`);
      if (target.kind === 'message-of') {
        const of = await messageOf(target.idempotencyKey);
        if (of === 'never') return (await store.markWithdrawn(lease, clock())) ? 'withdrawn' : lost('withdrawn');
        if ('wait' in of) return (await store.markWaiting(lease, { now: clock(), nextAttemptAt: of.wait })) ? 'retry' : lost('wait');
        target = { kind: 'message', messageId: of.messageId };
      }
      if (!channel.limits?.pacedByChannel) await limiterFor(row.platform).acquire(recipientKey(target));
      if (!(await store.startSend(lease, { now: clock(), leaseMs: settings.leaseMs }))) return lost('start');
      const sent = await dispatch(channel, target, row.payload as OutboxPayload, { idempotencyKey: row.idempotencyKey });
      if (!(await store.markSent(lease, { attempts, now: clock(), platformMessageId: sent.messageId }))) return lost('sent');
      await afterSent(row, sent.messageId);
      return 'sent';
    } catch (error) {
      const now = clock();
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && error.permanent;
      if (permanent || attempts >= settings.maxAttempts) {
        if (!(await store.markFailed(lease, { attempts, now, error: message }))) return lost('failed');
        logger.warn({ outboxId: row.id, platform: row.platform, attempts, error: message }, 'outbox message failed');
        await deps.onFailed?.({ idempotencyKey: row.idempotencyKey, platform: row.platform, target }, { permanent, error: message }).catch((hookError: unknown) => {
          logger.error({ err: hookError, outboxId: row.id, platform: row.platform }, 'outbox failure hook failed');
        });
        return 'failed';
      }
      const delay = backoffMs(attempts, error);
      if (!(await store.markRetry(lease, { attempts, now, error: message, nextAttemptAt: now + delay }))) return lost('retry');
      logger.info({ outboxId: row.id, platform: row.platform, attempts, delayMs: delay, error: message }, 'outbox message will be retried');
      return 'retry';
    }
  }

  async function afterSent(row: Row, messageId: string): Promise<void> {
    if (!deps.onSent) return;
    try {
      await deps.onSent({ idempotencyKey: row.idempotencyKey, payload: row.payload as OutboxPayload, messageId });
    } catch (error) {
      logger.error({ outboxId: row.id, platform: row.platform, err: error }, 'outbox onSent failed');
    }
  }

  async function deliver(row: Row): Promise<DeliveryOutcome> {
    const outcome = await deliverOnce(row);
    deps.onDelivery?.(row.platform, outcome);
    return outcome;
  }

  /** For callers outside: a lost lease means the message is still on its way, by another sender. */
  const outward = (outcome: DeliveryOutcome) => (outcome === 'lost' ? 'retry' : outcome === 'withdrawn' ? 'failed' : outcome);

  const api = {
    settings,

    /**
     * Stores messages in one transaction (the caller's, when it has one); a key already in the outbox is
     * not stored again. `sentByCaller`: the caller sends them with deliverNow after its commit (a reply),
     * so the sender loop is not woken to race it for the same rows; anything deliverNow leaves is due
     * for the loop's next pass.
     */
    async enqueue(messages: OutboxMessage[], options: { sentByCaller?: boolean } = {}): Promise<{ queued: number; duplicates: number }> {
      const queued = await store.insertNew(messages, clock());
      if (!options.sentByCaller) loop?.wake();
      return { queued, duplicates: messages.length - queued };
    },

    /** Whether a platform's channel can send files (an export offers another way where it cannot). */
    sendsFiles(platform: PlatformName): boolean {
      return typeof channels.get(platform)?.sendFile === 'function';
    },

    /**
     * Sends messages already enqueued, now and in order (a reply's first attempt is immediate). Stops
     * at the first one not sent: a 429 or a 5xx leaves it and those after it for the sender loop.
     */
    async deliverNow(idempotencyKeys: string[]): Promise<'sent' | 'retry' | 'failed'> {
      for (const key of idempotencyKeys) {
        const [row] = await claim(1, key);
        // Not claimable: sent already (a redelivered event), or the loop holds it.
        if (!row) return 'retry';
        const outcome = outward(await deliver(row));
        if (outcome !== 'sent') {
          // What is left is the loop's (callers may have enqueued without waking it).
          loop?.wake();
          return outcome;
        }
      }
      return 'sent';
    },

    /** One pass over what is due now. Tests call it with a fixed clock; the loop calls it repeatedly. */
    async tick(limit = settings.batchSize): Promise<{ sent: number; retried: number; failed: number }> {
      const counts = { sent: 0, retried: 0, failed: 0 };
      // One queue per recipient keeps their messages in order; different recipients go in parallel so
      // the channel's limit, not one request's latency, sets the pace.
      const queues = new Map<string, Row[]>();
      for (const row of await claim(limit)) {
        const key = `${row.platform}:${recipientKey(row.target as OutboxTarget)}`;
        const queue = queues.get(key);
        if (queue) queue.push(row);
        else queues.set(key, [row]);
      }
      const pending = [...queues.values()];
      const worker = async () => {
        for (let queue = pending.shift(); queue; queue = pending.shift()) {
          for (const row of queue) {
            const outcome = await deliver(row);
            if (outcome === 'sent') counts.sent += 1;
            else if (outcome === 'retry') counts.retried += 1;
            else if (outcome === 'failed') counts.failed += 1;
            // 'lost': the row is another sender's now; nothing to count here.
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(settings.concurrency, pending.length)) }, worker));
      return counts;
    },

    /** Starts the background sender (main.ts only). */
    start(idleMs = 1_000): void {
      if (loop) return;
      let wake: () => void = () => undefined;
      const state = { stop: false, wake: () => wake(), done: Promise.resolve() };
      state.done = (async () => {
        while (!state.stop) {
          let worked = 0;
          try {
            const counts = await api.tick();
            worked = counts.sent + counts.retried + counts.failed;
          } catch (error) {
            logger.error({ err: error }, 'outbox tick failed');
          }
          if (worked === 0 && !state.stop) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, idleMs);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          }
        }
      })();
      loop = state;
    },

    async stop(): Promise<void> {
      if (!loop) return;
      loop.stop = true;
      loop.wake();
      await loop.done;
      loop = undefined;
    },

    async list(status?: OutboxStatus, limit = 100): Promise<Row[]> {
      // A file's bytes are not for a listing: show its size instead.
      return (await store.list(status,limit)).map((row) => {
        const payload = row.payload as OutboxPayload;
        if (payload.type !== 'file') return row;
        const { contentBase64, ...file } = payload.file;
        return { ...row, payload: { type: 'file', file: { ...file, bytes: Buffer.byteLength(contentBase64, 'base64') } } };
      });
    },

    /**
     * Takes back a message not sent yet (e.g. the 喜报 of a deal undone before the outbox ran): a
     * pending row is never sent. The status afterwards tells the caller what is left to do: 'sending'
     * or 'sent' means the message is (or may be) out, to be corrected by a card update.
     */
    async withdraw(idempotencyKey: string): Promise<{ status: OutboxStatus; platformMessageId: string | null } | undefined> {
      return store.withdraw(idempotencyKey, clock());
    },

    /** An admin's retry of a failed message: attempts start again. */
    async retry(id: number): Promise<boolean> {
      const retried = await store.retryFailed(id, clock());
      loop?.wake();
      return retried;
    },

    counts(): Promise<Record<string, number>> {
      return store.countsByStatus();
    },
  };
  return api;
}

export type Outbox = ReturnType<typeof createOutbox>;
