import { eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { notificationPreferences } from '../schema/index.js';

/** What each user chose to receive; no row means the defaults (subscribed to the weekly card). */
export function createNotificationPreferenceRepository(db: Db) {
  return asyncRepository(db, {
    /** True unless the user switched the weekly KPI card off. */
    wantsWeeklyCard(userId: number): boolean {
      const row = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).get();
      return !(row && !row.weeklyCard);
    },
    setWeeklyCard(userId: number, on: boolean, now: number): void {
      db.insert(notificationPreferences)
        .values({ userId, weeklyCard: on, updatedAt: now })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: { weeklyCard: on, updatedAt: now } })
        .run();
    },
    /** Everyone who switched the weekly KPI card off. */
    weeklyCardOptOuts(): Set<number> {
      return new Set(
        db
          .select({ userId: notificationPreferences.userId })
          .from(notificationPreferences)
          .where(eq(notificationPreferences.weeklyCard, false))
          .all()
          .map((r) => r.userId),
      );
    },
  });
}
