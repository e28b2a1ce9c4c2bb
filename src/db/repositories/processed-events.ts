import { lt } from 'drizzle-orm';
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
    purgeOlderThan(cutoff: number): number {
      return db.delete(processedEvents).where(lt(processedEvents.receivedAt, cutoff)).run().changes;
    },
  });
}
