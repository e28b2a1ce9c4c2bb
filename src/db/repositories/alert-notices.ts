import { inArray, lt } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { affected, tablesOf } from '../dialect.js';

/**
 * How long a notice is remembered. Alert keys name a date or a period (a quarter at most), and alerts
 * are only planned for the current ones, so a notice older than a year can never stop a repeat.
 */
export const ALERT_NOTICE_TTL_MS = 400 * 24 * 60 * 60 * 1000;

/** Which alerts a manager was already told about (see the table's comment). */
export function createAlertNoticeRepository(db: Db) {
  const { alertNotices } = tablesOf(db);
  return asyncRepository(db, {
    /** The keys among `keys` already noticed. */
    async known(keys: readonly string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db.select({ key: alertNotices.alertKey }).from(alertNotices).where(inArray(alertNotices.alertKey, [...keys]));
      return new Set(rows.map((r) => r.key));
    },

    async record(rows: readonly { alertKey: string; managerUserId: number; digestKey: string }[], now: number): Promise<void> {
      if (rows.length === 0) return;
      await db.insert(alertNotices).values(rows.map((r) => ({ ...r, createdAt: now }))).onConflictDoNothing();
    },

    async purgeOlderThan(cutoff: number): Promise<number> {
      return affected(await db.delete(alertNotices).where(lt(alertNotices.createdAt, cutoff)));
    },
  });
}
