import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { processedEvents } from '../schema/index.js';

/** How long handled event ids are remembered: beyond Feishu's 7-hour retry window, with margin. */
export const PROCESSED_EVENT_TTL_MS = 8 * 24 * 60 * 60 * 1000;

/**
 * The two statements every inbound message runs (store, then mark done), built once: drizzle builds a
 * query anew on each call, a top cost on the webhook path. Built on first use, after the migrations.
 */
function hotStatements(db: Db) {
  return {
    receive: db
      .insert(processedEvents)
      .values({ platform: sql.placeholder('platform'), eventId: sql.placeholder('eventId'), receivedAt: sql.placeholder('now'), status: 'received', event: sql.placeholder('event') })
      .onConflictDoNothing()
      .prepare(),
    markDone: db
      .update(processedEvents)
      .set({ status: 'done', event: null })
      .where(and(eq(processedEvents.platform, sql.placeholder('platform')), eq(processedEvents.eventId, sql.placeholder('eventId'))))
      .prepare(),
  };
}

export function createProcessedEvents(db: Db) {
  let hot: ReturnType<typeof hotStatements> | undefined;
  const statements = () => (hot ??= hotStatements(db));
  return asyncRepository(db, {
    /** True the first time an event is seen; false for every retry, across restarts. */
    claim(platform: string, eventId: string, now: number): boolean {
      const result = db.insert(processedEvents).values({ platform, eventId, receivedAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
    /**
     * Stores an inbound event as 'received', before the transport acknowledges it. True the first time
     * (the caller handles it); false for a redelivery, across restarts.
     */
    receive(platform: string, eventId: string, event: unknown, now: number): boolean {
      return statements().receive.run({ platform, eventId, now, event }).changes === 1;
    },

    /** The event was handled: its body is no longer kept. */
    markDone(platform: string, eventId: string): void {
      statements().markDone.run({ platform, eventId });
    },

    /** Events stored but not handled (the process stopped in between), oldest first. */
    received(limit: number): { platform: string; eventId: string; event: unknown }[] {
      return db
        .select({ platform: processedEvents.platform, eventId: processedEvents.eventId, event: processedEvents.event })
        .from(processedEvents)
        .where(eq(processedEvents.status, 'received'))
        .orderBy(asc(processedEvents.receivedAt))
        .limit(limit)
        .all();
    },

    purgeOlderThan(cutoff: number): number {
      return db.delete(processedEvents).where(lt(processedEvents.receivedAt, cutoff)).run().changes;
    },
  });
}
