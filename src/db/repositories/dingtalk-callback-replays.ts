import { and, eq, lt } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { affected, tablesOf } from '../dialect.js';

/**
 * How long a (timestamp, signature) pair is remembered: DingTalk's signature window (±1 hour around
 * the signed timestamp, see SIGNATURE_WINDOW_MS in platforms/dingtalk/crypto.ts). A row may go once
 * its signed timestamp is older than this, because the headers are then refused as stale anyway.
 */
export const CALLBACK_REPLAY_TTL_MS = 60 * 60 * 1000;

export type CallbackRoute = 'robot' | 'card';

/** 'first': this body now owns the signature; 'duplicate': the same body again; 'conflict': another body. */
export type ReplayVerdict = 'first' | 'duplicate' | 'conflict';

export interface SignedCallback {
  route: CallbackRoute;
  signedAt: number;
  signature: string;
  bodySha256: string;
}

export function createCallbackReplays(db: Db) {
  const { dingtalkCallbackReplays } = tablesOf(db);
  async function storedHash(route: CallbackRoute, signedAt: number, signature: string): Promise<string | undefined> {
    const [row] = await db
      .select({ bodySha256: dingtalkCallbackReplays.bodySha256 })
      .from(dingtalkCallbackReplays)
      .where(and(eq(dingtalkCallbackReplays.route, route), eq(dingtalkCallbackReplays.signedAt, signedAt), eq(dingtalkCallbackReplays.signature, signature)))
      .limit(1);
    return row?.bodySha256;
  }

  return asyncRepository(db, {
    /** Read-only: what a signature is already bound to, without binding it ('first' = not seen yet). */
    async check(callback: SignedCallback): Promise<ReplayVerdict> {
      const stored = await storedHash(callback.route, callback.signedAt, callback.signature);
      if (stored === undefined) return 'first';
      return stored === callback.bodySha256 ? 'duplicate' : 'conflict';
    },
    /**
     * Binds the signature to this body: insert-or-ignore on the primary key, then compare the stored
     * hash. Of two concurrent requests (even in two processes) exactly one inserts; the other sees
     * its hash and is a duplicate or a conflict.
     */
    async claim(callback: SignedCallback, now: number): Promise<ReplayVerdict> {
      const inserted = affected(await db.insert(dingtalkCallbackReplays).values({ ...callback, receivedAt: now }).onConflictDoNothing()) === 1;
      if (inserted) return 'first';
      return (await storedHash(callback.route, callback.signedAt, callback.signature)) === callback.bodySha256 ? 'duplicate' : 'conflict';
    },
    async purgeSignedBefore(cutoff: number): Promise<number> {
      return affected(await db.delete(dingtalkCallbackReplays).where(lt(dingtalkCallbackReplays.signedAt, cutoff)));
    },
  });
}

export type CallbackReplays = ReturnType<typeof createCallbackReplays>;
