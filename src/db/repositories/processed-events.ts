import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { asyncRepository, onConnectionFirst, type Db } from '../client.js';
import { affected, hotQuery, tablesOf } from '../dialect.js';

/** How long handled event ids are remembered: beyond Feishu's 7-hour retry window, with margin. */
export const PROCESSED_EVENT_TTL_MS = 8 * 24 * 60 * 60 * 1000;

export function createProcessedEvents(db: Db) {
  const { processedEvents } = tablesOf(db);
  // The two statements every inbound message runs (store, then mark done), prepared once: drizzle
  // builds a query anew on each call otherwise, a top cost on the webhook path.
  const receive = hotQuery(db, 'processed_events_receive', () =>
    db
      .insert(processedEvents)
      .values({ platform: sql.placeholder('platform'), eventId: sql.placeholder('eventId'), receivedAt: sql.placeholder('now'), status: 'received', event: sql.placeholder('event') })
      .onConflictDoNothing(),
  );
  const markDone = hotQuery(db, 'processed_events_mark_done', () =>
    db
      .update(processedEvents)
      .set({ status: 'done', event: null })
      .where(and(eq(processedEvents.platform, sql.placeholder('platform')), eq(processedEvents.eventId, sql.placeholder('eventId')), eq(processedEvents.status, 'received'))),
  );
  const repository = asyncRepository(db, {
    /** True the first time an event is seen; false for every retry, across restarts. */
    async claim(platform: string, eventId: string, now: number): Promise<boolean> {
      return affected(await db.insert(processedEvents).values({ platform, eventId, receivedAt: now }).onConflictDoNothing()) === 1;
    },

    /**
     * The event was handled: its body is no longer kept. False when it was not 'received' (done already).
     * On PostgreSQL the row stays locked until the caller's transaction ends: a second caller waits, then finds it done.
     */
    async markDone(platform: string, eventId: string): Promise<boolean> {
      return (await markDone.run({ platform, eventId })) === 1;
    },

    /** A stored message whose handling failed every time: no longer resumed; its body stays for an operator. */
    async markFailed(platform: string, eventId: string): Promise<boolean> {
      return affected(await db.update(processedEvents).set({ status: 'failed' }).where(and(eq(processedEvents.platform, platform), eq(processedEvents.eventId, eventId), eq(processedEvents.status, 'received')))) === 1;
    },

    /** Events stored but not handled (the process stopped in between), oldest first; only those stored before `before` when given. */
    async received(limit: number, before?: number): Promise<{ platform: string; eventId: string; event: unknown }[]> {
      return await db
        .select({ platform: processedEvents.platform, eventId: processedEvents.eventId, event: processedEvents.event })
        .from(processedEvents)
        .where(before === undefined ? eq(processedEvents.status, 'received') : and(eq(processedEvents.status, 'received'), lt(processedEvents.receivedAt, before)))
        .orderBy(asc(processedEvents.receivedAt))
        .limit(limit);
    },

    async purgeOlderThan(cutoff: number): Promise<number> {
      return affected(await db.delete(processedEvents).where(lt(processedEvents.receivedAt, cutoff)));
    },
  });
  return {
    ...repository,
    /**
     * Stores an inbound event as 'received', before the transport acknowledges it. True the first time
     * (the caller handles it); false for a redelivery, across restarts. It goes ahead of the handling
     * transactions waiting for the connection: the platform's request waits on this one insert.
     */
    receive(platform: string, eventId: string, event: unknown, now: number): Promise<boolean> {
      return onConnectionFirst(db, async () => (await receive.run({ platform, eventId, now, event })) === 1);
    },
  };
}
