import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, inArray, lte, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { asyncRepository, inTransaction, type Db } from '../client.js';
import { affected, dialectSql, hotQuery, lockedForUpdate, tablesOf } from '../dialect.js';
import type { outbox } from '../schema/index.js';

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

/**
 * What every reply runs (queue it, claim it by key, renew the lease, mark it sent), prepared once per
 * store on first use (after the migrations): drizzle builds a query anew on each call otherwise, a
 * top cost on the webhook path.
 */
function hotStatements(db: Db, due: (now: SQL | Placeholder) => SQL | undefined) {
  const { outbox } = tablesOf(db);
  const p = sql.placeholder;
  // set() takes a placeholder inside sql``; these columns need no encoding (numbers and plain text).
  const v = (name: string) => sql`${p(name)}`;
  return {
    insert: hotQuery(db, 'outbox_insert', () =>
      db
        .insert(outbox)
        .values({ idempotencyKey: p('key'), platform: p('platform'), target: p('target'), payload: p('payload'), status: 'pending', nextAttemptAt: p('now'), createdAt: p('now'), updatedAt: p('now') })
        .onConflictDoNothing(),
    ),
    // One statement, atomic on both databases: on PostgreSQL a concurrent claim of the same key waits
    // for the row, then re-checks the WHERE and finds it leased (no second lease, no transaction needed).
    claimByKey: hotQuery<OutboxRow>(db, 'outbox_claim_by_key', () =>
      db
        .update(outbox)
        .set({ status: 'sending', leaseUntil: v('leaseUntil'), leaseToken: v('token'), updatedAt: v('now') })
        .where(and(eq(outbox.idempotencyKey, p('key')), due(p('now'))))
        .returning(),
    ),
    startSend: hotQuery(db, 'outbox_start_send', () =>
      db
        .update(outbox)
        .set({ leaseUntil: v('leaseUntil'), updatedAt: v('now') })
        .where(and(eq(outbox.id, p('id')), eq(outbox.leaseToken, p('token')), eq(outbox.status, 'sending'), gt(outbox.leaseUntil, p('now')))),
    ),
    markSent: hotQuery(db, 'outbox_mark_sent', () =>
      db
        .update(outbox)
        .set({ status: 'sent', attempts: v('attempts'), sentAt: v('now'), updatedAt: v('now'), leaseUntil: null, leaseToken: null, lastError: null, platformMessageId: v('messageId') })
        .where(and(eq(outbox.id, p('id')), eq(outbox.leaseToken, p('token')))),
    ),
  };
}

/** The outbox table: what src/outbox/outbox.ts enqueues, leases, marks and lists. */
export function createOutboxStore(db: Db) {
  const { outbox } = tablesOf(db);
  /** A leased row is changed only while its token is still the one in the table. */
  const held = (lease: OutboxLease) => and(eq(outbox.id, lease.id), eq(outbox.leaseToken, lease.token));
  /** Pending and due, or sending with an expired lease. */
  const due = (now: SQL | Placeholder | number) =>
    or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now)));
  const statements = hotStatements(db, due);
  const changedOne = async (query: PromiseLike<unknown>) => affected(await query) === 1;

  return asyncRepository(db, {
    /** Stores messages in one transaction; a key already stored is skipped. Returns how many were stored. */
    async insertNew(messages: NewOutboxRow[], now: number): Promise<number> {
      const insert = (m: NewOutboxRow) => statements.insert.run({ key: m.idempotencyKey, platform: m.platform, target: m.target, payload: m.payload, now });
      // One row is one atomic statement (a reply, the common case): no savepoint around it.
      if (messages.length === 1) return insert(messages[0] as NewOutboxRow);
      return inTransaction(db, async () => {
        let stored = 0;
        for (const m of messages) stored += await insert(m);
        return stored;
      });
    },

    /**
     * Leases due rows (pending and due, or sending with an expired lease) until now + leaseMs, in one
     * transaction so two senders never take the same row: BEGIN IMMEDIATE on SQLite; on PostgreSQL the
     * read locks the due rows FOR UPDATE SKIP LOCKED, so concurrent instances each take other rows.
     * Oldest due first. Each claim writes a fresh token: a takeover makes the previous holder's token stale.
     */
    async claimDue(input: { now: number; leaseMs: number; limit: number; onlyKey?: string }): Promise<OutboxRow[]> {
      const { now } = input;
      // One message by key (a reply's first attempt): the prepared statements.
      if (input.onlyKey !== undefined && input.limit >= 1) {
        return statements.claimByKey.all({ now, key: input.onlyKey, leaseUntil: now + input.leaseMs, token: randomUUID() });
      }
      return inTransaction(db, async () => {
        const dueRows = await lockedForUpdate(
          db,
          db
            .select({ id: outbox.id })
            .from(outbox)
            .where(and(due(now), input.onlyKey ? eq(outbox.idempotencyKey, input.onlyKey) : undefined))
            .orderBy(outbox.nextAttemptAt, outbox.id)
            .limit(input.limit),
          { skipLocked: true },
        );
        if (dueRows.length === 0) return [];
        const leased = await db
          .update(outbox)
          .set({ status: 'sending', leaseUntil: now + input.leaseMs, leaseToken: randomUUID(), updatedAt: now })
          .where(inArray(outbox.id, dueRows.map((d) => d.id)))
          .returning();
        return leased.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
      });
    },

    /**
     * Just before a send: true, and the lease renewed to now + leaseMs, only while this sender still
     * holds an unexpired lease. A row that waited too long in a batch is left for the next claim.
     */
    async startSend(lease: OutboxLease, input: { now: number; leaseMs: number }): Promise<boolean> {
      const { now } = input;
      return (await statements.startSend.run({ id: lease.id, token: lease.token, leaseUntil: now + input.leaseMs, now })) === 1;
    },

    /** The mark* calls return false when the lease was taken over: the row then belongs to another sender. */
    async markSent(lease: OutboxLease, input: { attempts: number; now: number; platformMessageId: string }): Promise<boolean> {
      const { attempts, now } = input;
      return (await statements.markSent.run({ id: lease.id, token: lease.token, attempts, now, messageId: input.platformMessageId })) === 1;
    },

    async markFailed(lease: OutboxLease, input: { attempts: number; now: number; error: string }): Promise<boolean> {
      return changedOne(
        db
          .update(outbox)
          .set({ status: 'failed', attempts: input.attempts, lastError: input.error, leaseUntil: null, leaseToken: null, updatedAt: input.now })
          .where(held(lease)),
      );
    },

    /** Back to pending, due again at nextAttemptAt. */
    async markRetry(lease: OutboxLease, input: { attempts: number; now: number; error: string; nextAttemptAt: number }): Promise<boolean> {
      return changedOne(
        db
          .update(outbox)
          .set({ status: 'pending', attempts: input.attempts, lastError: input.error, nextAttemptAt: input.nextAttemptAt, leaseUntil: null, leaseToken: null, updatedAt: input.now })
          .where(held(lease)),
      );
    },

    /**
     * Takes back a message not yet sent: a pending row becomes 'withdrawn' (claimDue never takes it).
     * Returns the row's status afterwards, undefined for an unknown key. A row already claimed
     * ('sending') is not touched: its send may be under way; nor is one pending a retry, as an attempt
     * that timed out may have reached the platform (the caller corrects it once sent instead).
     */
    async withdraw(idempotencyKey: string, now: number): Promise<{ status: OutboxStatus; platformMessageId: string | null } | undefined> {
      await db
        .update(outbox)
        .set({ status: 'withdrawn', leaseUntil: null, leaseToken: null, updatedAt: now })
        .where(and(eq(outbox.idempotencyKey, idempotencyKey), eq(outbox.status, 'pending'), eq(outbox.attempts, 0)));
      return (await db.select({ status: outbox.status, platformMessageId: outbox.platformMessageId }).from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey)).limit(1))[0];
    },

    /** The status and sent message of the row with this key (a card update waiting for its message reads it). */
    async byKey(idempotencyKey: string): Promise<{ status: OutboxStatus; platformMessageId: string | null; nextAttemptAt: number } | undefined> {
      return (
        await db
          .select({ status: outbox.status, platformMessageId: outbox.platformMessageId, nextAttemptAt: outbox.nextAttemptAt })
          .from(outbox)
          .where(eq(outbox.idempotencyKey, idempotencyKey))
          .limit(1)
      )[0];
    },

    /** A leased row set aside: withdrawn (what it waited for will never be sent). */
    async markWithdrawn(lease: OutboxLease, now: number): Promise<boolean> {
      return changedOne(db.update(outbox).set({ status: 'withdrawn', leaseUntil: null, leaseToken: null, updatedAt: now }).where(held(lease)));
    },

    /** A leased row put back to pending without using an attempt (it waits for another row to be sent). */
    async markWaiting(lease: OutboxLease, input: { now: number; nextAttemptAt: number }): Promise<boolean> {
      return changedOne(
        db.update(outbox).set({ status: 'pending', nextAttemptAt: input.nextAttemptAt, leaseUntil: null, leaseToken: null, updatedAt: input.now }).where(held(lease)),
      );
    },

    /** An admin's retry of a failed row: attempts start again. False when the row is not 'failed'. */
    async retryFailed(id: number, now: number): Promise<boolean> {
      return changedOne(
        db
          .update(outbox)
          .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now })
          .where(and(eq(outbox.id, id), eq(outbox.status, 'failed'))),
      );
    },

    /**
     * Housekeeping: drops the payload of messages delivered before `sentBefore` (only files, or all),
     * and of messages withdrawn before it (they will never be sent), leaving `{"type":"purged","was":...}`.
     * The row, its status and its idempotency key stay, so a forced re-run still finds the key and sends
     * nothing twice. Returns how many were purged.
     */
    async purgeDeliveredPayloads(input: { sentBefore: number; onlyFiles: boolean }): Promise<number> {
      const type = dialectSql(db, { sqlite: sql`json_extract(${outbox.payload}, '$.type')`, pg: sql`(${outbox.payload} ->> 'type')` });
      const purged = dialectSql(db, {
        sqlite: sql`json_object('type', 'purged', 'was', ${type})`,
        pg: sql`jsonb_build_object('type', 'purged', 'was', ${outbox.payload} -> 'type')`,
      });
      return affected(
        await db
          .update(outbox)
          .set({ payload: purged })
          .where(
            and(
              or(and(eq(outbox.status, 'sent'), lte(outbox.sentAt, input.sentBefore)), and(eq(outbox.status, 'withdrawn'), lte(outbox.updatedAt, input.sentBefore))),
              input.onlyFiles ? sql`${type} = 'file'` : sql`${type} <> 'purged'`,
            ),
          ),
      );
    },

    /** The newest rows first, optionally of one status. */
    async list(status: OutboxStatus | undefined, limit: number): Promise<OutboxRow[]> {
      const query = db.select().from(outbox);
      return await (status ? query.where(eq(outbox.status, status)) : query).orderBy(desc(outbox.id)).limit(limit);
    },

    async countsByStatus(): Promise<Record<string, number>> {
      const rows = await db.select({ status: outbox.status, n: sql<number>`count(*)`.mapWith(Number) }).from(outbox).groupBy(outbox.status);
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
  });
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
