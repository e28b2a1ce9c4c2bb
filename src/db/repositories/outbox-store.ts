import { and, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
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

/** The outbox table: what src/outbox/outbox.ts enqueues, leases, marks and lists. */
export function createOutboxStore(db: Db) {
  return asyncRepository(db, {
    /** Stores messages in one transaction; a key already stored is skipped. Returns how many were stored. */
    insertNew(messages: NewOutboxRow[], now: number): number {
      let stored = 0;
      inSyncTransaction(db, () => {
        for (const m of messages) {
          const res = db
            .insert(outbox)
            .values({ idempotencyKey: m.idempotencyKey, platform: m.platform, target: m.target, payload: m.payload, status: 'pending', nextAttemptAt: now, createdAt: now, updatedAt: now })
            .onConflictDoNothing()
            .run();
          stored += res.changes;
        }
      });
      return stored;
    },

    /**
     * Leases due rows (pending and due, or sending with an expired lease) until now + leaseMs, in one
     * IMMEDIATE transaction so two senders never take the same row. Oldest due first.
     */
    claimDue(input: { now: number; leaseMs: number; limit: number; onlyKey?: string }): OutboxRow[] {
      const { now } = input;
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
          .set({ status: 'sending', leaseUntil: now + input.leaseMs, updatedAt: now })
          .where(inArray(outbox.id, due.map((d) => d.id)))
          .returning()
          .all()
          .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
      });
    },

    markSent(id: number, input: { attempts: number; now: number; platformMessageId: string }): void {
      const { attempts, now } = input;
      db.update(outbox)
        .set({ status: 'sent', attempts, sentAt: now, updatedAt: now, leaseUntil: null, lastError: null, platformMessageId: input.platformMessageId })
        .where(eq(outbox.id, id))
        .run();
    },

    markFailed(id: number, input: { attempts: number; now: number; error: string }): void {
      db.update(outbox).set({ status: 'failed', attempts: input.attempts, lastError: input.error, leaseUntil: null, updatedAt: input.now }).where(eq(outbox.id, id)).run();
    },

    /** Back to pending, due again at nextAttemptAt. */
    markRetry(id: number, input: { attempts: number; now: number; error: string; nextAttemptAt: number }): void {
      db.update(outbox)
        .set({ status: 'pending', attempts: input.attempts, lastError: input.error, nextAttemptAt: input.nextAttemptAt, leaseUntil: null, updatedAt: input.now })
        .where(eq(outbox.id, id))
        .run();
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
