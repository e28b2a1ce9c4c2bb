import { isDeepStrictEqual } from 'node:util';
import { eq } from 'drizzle-orm';
import { asyncRepository, inTransaction, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';

export interface SettingChangeContext {
  now: number;
  actorUserId: number | null;
  source: string;
}

/** Key/value settings that override environment defaults; every change is audited. */
export function createSettingsRepository(db: Db) {
  const { auditLog, settings } = tablesOf(db);
  return asyncRepository(db, {
    /** The stored values whose key starts with the prefix (e.g. 'alerts.'). */
    async withPrefix(prefix: string): Promise<Map<string, unknown>> {
      const rows = await db.select({ key: settings.key, value: settings.value }).from(settings);
      return new Map(rows.filter((r) => r.key.startsWith(prefix)).map((r) => [r.key, r.value]));
    },
    /** Sets (value) or clears (null: the default applies again) several keys in one transaction; unchanged keys are skipped. */
    async setMany(changes: { key: string; value: unknown }[], context: SettingChangeContext): Promise<number> {
      return inTransaction(db, async () => {
        let changed = 0;
        for (const { key, value } of changes) {
          const [before] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
          // Compared as values: jsonb (PostgreSQL) gives an object's keys back in its own order.
          if (isDeepStrictEqual(before?.value ?? null, value)) continue;
          if (value === null) await db.delete(settings).where(eq(settings.key, key));
          else
            await db
              .insert(settings)
              .values({ key, value, updatedAt: context.now, updatedByUserId: context.actorUserId })
              .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: context.now, updatedByUserId: context.actorUserId } });
          await db
            .insert(auditLog)
            .values({ at: context.now, actorUserId: context.actorUserId, source: context.source, action: 'setting.update', entity: 'setting', entityId: key, before: before?.value ?? null, after: value });
          changed += 1;
        }
        return changed;
      });
    },
  });
}
