import { eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';

/** What each user chose to receive; no row means the defaults (subscribed to the weekly card). */
export function createNotificationPreferenceRepository(db: Db) {
  const { notificationPreferences } = tablesOf(db);
  return asyncRepository(db, {
    /** True unless the user switched the weekly KPI card off. */
    async wantsWeeklyCard(userId: number): Promise<boolean> {
      const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).limit(1);
      return !(row && !row.weeklyCard);
    },
    async setWeeklyCard(userId: number, on: boolean, now: number): Promise<void> {
      await db
        .insert(notificationPreferences)
        .values({ userId, weeklyCard: on, updatedAt: now })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: { weeklyCard: on, updatedAt: now } });
    },
    /** Everyone who switched the weekly KPI card off. */
    async weeklyCardOptOuts(): Promise<Set<number>> {
      const rows = await db.select({ userId: notificationPreferences.userId }).from(notificationPreferences).where(eq(notificationPreferences.weeklyCard, false));
      return new Set(rows.map((r) => r.userId));
    },
  });
}
