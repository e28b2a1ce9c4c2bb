import { inArray } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { alertNotices } from '../schema/index.js';

/** Which alerts a manager was already told about (see the table's comment). */
export function createAlertNoticeRepository(db: Db) {
  return asyncRepository(db, {
    /** The keys among `keys` already noticed. */
    known(keys: readonly string[]): Set<string> {
      if (keys.length === 0) return new Set();
      const rows = db.select({ key: alertNotices.alertKey }).from(alertNotices).where(inArray(alertNotices.alertKey, [...keys])).all();
      return new Set(rows.map((r) => r.key));
    },

    record(rows: readonly { alertKey: string; managerUserId: number; digestKey: string }[], now: number): void {
      if (rows.length === 0) return;
      db.insert(alertNotices).values(rows.map((r) => ({ ...r, createdAt: now }))).onConflictDoNothing().run();
    },
  });
}
