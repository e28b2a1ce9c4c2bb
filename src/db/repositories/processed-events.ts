import { and, asc, eq, lt } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { processedEvents } from '../schema/index.js';

/** How long handled event ids are remembered: beyond Feishu's 7-hour retry window, with margin. */
export const PROCESSED_EVENT_TTL_MS = 8 * 24 * 60 * 60 * 1000;

export function createProcessedEvents(db: Db) {
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
      const result = db.insert(processedEvents).values({ platform, eventId, receivedAt: now, status: 'received', event }).onConflictDoNothing().run();
      return result.changes === 1;
    },

    /** The event was handled: its body is no longer kept. */
    markDone(platform: string, eventId: string): void {
      db.update(processedEvents)
        .set({ status: 'done', event: null })
        .where(and(eq(processedEvents.platform, platform), eq(processedEvents.eventId, eventId)))
        .run();
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
