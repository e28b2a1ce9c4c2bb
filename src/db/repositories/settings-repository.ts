import { eq } from 'drizzle-orm';
import { inSyncTransaction, asyncRepository, type Db } from '../client.js';
import { auditLog, settings } from '../schema/index.js';

export interface SettingChangeContext {
  now: number;
  actorUserId: number | null;
  source: string;
}

/** Key/value settings that override environment defaults; every change is audited. */
export function createSettingsRepository(db: Db) {
  return asyncRepository(db, {
    /** The stored values whose key starts with the prefix (e.g. 'alerts.'). */
    withPrefix(prefix: string): Map<string, unknown> {
      const rows = db.select({ key: settings.key, value: settings.value }).from(settings).all();
      return new Map(rows.filter((r) => r.key.startsWith(prefix)).map((r) => [r.key, r.value]));
    },
    /** Sets (value) or clears (null: the default applies again) several keys in one transaction; unchanged keys are skipped. */
    setMany(changes: { key: string; value: unknown }[], context: SettingChangeContext): number {
      return inSyncTransaction(db, () => {
        let changed = 0;
        for (const { key, value } of changes) {
          const before = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
          if (JSON.stringify(before?.value ?? null) === JSON.stringify(value)) continue;
          if (value === null) db.delete(settings).where(eq(settings.key, key)).run();
          else
            db.insert(settings)
              .values({ key, value, updatedAt: context.now, updatedByUserId: context.actorUserId })
              .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: context.now, updatedByUserId: context.actorUserId } })
              .run();
          db.insert(auditLog)
            .values({ at: context.now, actorUserId: context.actorUserId, source: context.source, action: 'setting.update', entity: 'setting', entityId: key, before: before?.value ?? null, after: value })
            .run();
          changed += 1;
        }
        return changed;
      });
    },
  });
}
