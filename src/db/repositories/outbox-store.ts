import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { inSyncImmediateTransaction, inSyncTransaction, asyncRepository, type Db } from '../client.js';
import { outbox } from '../schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = OutboxRow['status'];

/** A message as stored: target and payload are JSON the outbox shapes (src/outbox/outbox.ts). */
export interface NewOutboxRow {
  idempotencyKey: string;
  platform: OutboxRow['platform'];
  target: unknown;
  payload: unknown;
}

/** Who holds a claimed row: its id and the token the claim wrote. */
export interface OutboxLease {
  id: number;
  token: string;
}

/** A leased row is changed only while its token is still the one in the table. */
const held = (lease: OutboxLease) => and(eq(outbox.id, lease.id), eq(outbox.leaseToken, lease.token));

const due = (now: ReturnType<typeof sql.placeholder>) =>
  or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now)));

/**
 * What every reply runs (queue it, claim it by key, renew the lease, mark it sent), built once per
 * store on first use (after the migrations): drizzle builds a query anew on each call otherwise, a
 * top cost on the webhook path.
 */
function hotStatements(db: Db) {
  const p = sql.placeholder;
  // set() takes a placeholder inside sql``; these columns need no encoding (numbers and plain text).
  const v = (name: string) => sql`${p(name)}`;
  return {
    insert: db
      .insert(outbox)
      .values({ idempotencyKey: p('key'), platform: p('platform'), target: p('target'), payload: p('payload'), status: 'pending', nextAttemptAt: p('now'), createdAt: p('now'), updatedAt: p('now') })
      .onConflictDoNothing()
      .prepare(),
    dueByKey: db.select({ id: outbox.id }).from(outbox).where(and(due(p('now')), eq(outbox.idempotencyKey, p('key')))).prepare(),
    lease: db
      .update(outbox)
      .set({ status: 'sending', leaseUntil: v('leaseUntil'), leaseToken: v('token'), updatedAt: v('now') })
      .where(eq(outbox.id, p('id')))
      .returning()
      .prepare(),
    startSend: db
      .update(outbox)
      .set({ leaseUntil: v('leaseUntil'), updatedAt: v('now') })
      .where(and(eq(outbox.id, p('id')), eq(outbox.leaseToken, p('token')), eq(outbox.status, 'sending'), gt(outbox.leaseUntil, p('now'))))
      .prepare(),
    markSent: db
      .update(outbox)
      .set({ status: 'sent', attempts: v('attempts'), sentAt: v('now'), updatedAt: v('now'), leaseUntil: null, leaseToken: null, lastError: null, platformMessageId: v('messageId') })
      .where(and(eq(outbox.id, p('id')), eq(outbox.leaseToken, p('token'))))
      .prepare(),
  };
}

/** The outbox table: what src/outbox/outbox.ts enqueues, leases, marks and lists. */
export function createOutboxStore(db: Db) {
  let hot: ReturnType<typeof hotStatements> | undefined;
  const statements = () => (hot ??= hotStatements(db));
  return asyncRepository(db, {
    /** Stores messages in one transaction; a key already stored is skipped. Returns how many were stored. */
    insertNew(messages: NewOutboxRow[], now: number): number {
      let stored = 0;
      inSyncTransaction(db, () => {
        for (const m of messages) stored += statements().insert.run({ key: m.idempotencyKey, platform: m.platform, target: m.target, payload: m.payload, now }).changes;
      });
      return stored;
    },

    /**
     * Leases due rows (pending and due, or sending with an expired lease) until now + leaseMs, in one
     * IMMEDIATE transaction so two senders never take the same row. Oldest due first. Each claim
     * writes a fresh token: a takeover makes the previous holder's token stale.
     */
    claimDue(input: { now: number; leaseMs: number; limit: number; onlyKey?: string }): OutboxRow[] {
      const { now } = input;
      // One message by key (a reply's first attempt): the prepared statements.
      if (input.onlyKey !== undefined && input.limit >= 1) {
        const key = input.onlyKey;
        return inSyncImmediateTransaction(db, () => {
          const row = statements().dueByKey.get({ now, key });
          return row ? statements().lease.all({ id: row.id, leaseUntil: now + input.leaseMs, token: randomUUID(), now }) : [];
        });
      }
      return inSyncImmediateTransaction(db, () => {
        const due = db
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now))),
              input.onlyKey ? eq(outbox.idempotencyKey, input.onlyKey) : undefined,
            ),
          )
          .orderBy(outbox.nextAttemptAt, outbox.id)
          .limit(input.limit)
          .all();
        if (due.length === 0) return [];
        return db
          .update(outbox)
          .set({ status: 'sending', leaseUntil: now + input.leaseMs, leaseToken: randomUUID(), updatedAt: now })
          .where(inArray(outbox.id, due.map((d) => d.id)))
          .returning()
          .all()
          .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
      });
    },

    /**
     * Just before a send: true, and the lease renewed to now + leaseMs, only while this sender still
     * holds an unexpired lease. A row that waited too long in a batch is left for the next claim.
     */
    startSend(lease: OutboxLease, input: { now: number; leaseMs: number }): boolean {
      const { now } = input;
      return statements().startSend.run({ id: lease.id, token: lease.token, leaseUntil: now + input.leaseMs, now }).changes === 1;
    },

    /** The mark* calls return false when the lease was taken over: the row then belongs to another sender. */
    markSent(lease: OutboxLease, input: { attempts: number; now: number; platformMessageId: string }): boolean {
      const { attempts, now } = input;
      return statements().markSent.run({ id: lease.id, token: lease.token, attempts, now, messageId: input.platformMessageId }).changes === 1;
    },

    markFailed(lease: OutboxLease, input: { attempts: number; now: number; error: string }): boolean {
      const res = db
        .update(outbox)
        .set({ status: 'failed', attempts: input.attempts, lastError: input.error, leaseUntil: null, leaseToken: null, updatedAt: input.now })
        .where(held(lease))
        .run();
      return res.changes === 1;
    },

    /** Back to pending, due again at nextAttemptAt. */
    markRetry(lease: OutboxLease, input: { attempts: number; now: number; error: string; nextAttemptAt: number }): boolean {
      const res = db
        .update(outbox)
        .set({ status: 'pending', attempts: input.attempts, lastError: input.error, nextAttemptAt: input.nextAttemptAt, leaseUntil: null, leaseToken: null, updatedAt: input.now })
        .where(held(lease))
        .run();
      return res.changes === 1;
    },

    /**
     * Takes back a message not yet sent: a pending row becomes 'withdrawn' (claimDue never takes it).
     * Returns the row's status afterwards, undefined for an unknown key. A row already claimed
     * ('sending') is not touched: its send may be under way; nor is one pending a retry, as an attempt
     * that timed out may have reached the platform (the caller corrects it once sent instead).
     */
    withdraw(idempotencyKey: string, now: number): { status: OutboxStatus; platformMessageId: string | null } | undefined {
      db.update(outbox)
        .set({ status: 'withdrawn', leaseUntil: null, leaseToken: null, updatedAt: now })
        .where(and(eq(outbox.idempotencyKey, idempotencyKey), eq(outbox.status, 'pending'), eq(outbox.attempts, 0)))
        .run();
      return db.select({ status: outbox.status, platformMessageId: outbox.platformMessageId }).from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey)).get();
    },

    /** The status and sent message of the row with this key (a card update waiting for its message reads it). */
    byKey(idempotencyKey: string): { status: OutboxStatus; platformMessageId: string | null; nextAttemptAt: number } | undefined {
      return db.select({ status: outbox.status, platformMessageId: outbox.platformMessageId, nextAttemptAt: outbox.nextAttemptAt }).from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey)).get();
    },

    /** A leased row set aside: withdrawn (what it waited for will never be sent). */
    markWithdrawn(lease: OutboxLease, now: number): boolean {
      const res = db.update(outbox).set({ status: 'withdrawn', leaseUntil: null, leaseToken: null, updatedAt: now }).where(held(lease)).run();
      return res.changes === 1;
    },

    /** A leased row put back to pending without using an attempt (it waits for another row to be sent). */
    markWaiting(lease: OutboxLease, input: { now: number; nextAttemptAt: number }): boolean {
      const res = db
        .update(outbox)
        .set({ status: 'pending', nextAttemptAt: input.nextAttemptAt, leaseUntil: null, leaseToken: null, updatedAt: input.now })
        .where(held(lease))
        .run();
      return res.changes === 1;
    },

    /** An admin's retry of a failed row: attempts start again. False when the row is not 'failed'. */
    retryFailed(id: number, now: number): boolean {
      const res = db
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
        .run();
      return res.changes === 1;
    },

    /**
     * Housekeeping: drops the payload of messages delivered before `sentBefore` (only files, or all),
     * and of messages withdrawn before it (they will never be sent), leaving `{"type":"purged","was":...}`.
     * The row, its status and its idempotency key stay, so a forced re-run still finds the key and sends
     * nothing twice. Returns how many were purged.
     */
    purgeDeliveredPayloads(input: { sentBefore: number; onlyFiles: boolean }): number {
      const type = sql`json_extract(${outbox.payload}, '$.type')`;
      const res = db
        .update(outbox)
        .set({ payload: sql`json_object('type', 'purged', 'was', ${type})` })
        .where(
          and(
            or(and(eq(outbox.status, 'sent'), lte(outbox.sentAt, input.sentBefore)), and(eq(outbox.status, 'withdrawn'), lte(outbox.updatedAt, input.sentBefore))),
            input.onlyFiles ? sql`${type} = 'file'` : sql`${type} <> 'purged'`,
          ),
        )
        .run();
      return res.changes;
    },

    /** The newest rows first, optionally of one status. */
    list(status: OutboxStatus | undefined, limit: number): OutboxRow[] {
      const query = db.select().from(outbox);
      return (status ? query.where(eq(outbox.status, status)) : query).orderBy(desc(outbox.id)).limit(limit).all();
    },

    countsByStatus(): Record<string, number> {
      const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
  });
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
