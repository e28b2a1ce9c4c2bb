import { and, eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { platformIdentities } from '../schema/index.js';

/** The identity each platform pushes to: Feishu messages a user by open_id, DingTalk's robot by userId. */
export const PUSH_IDENTITY_KIND = { feishu: 'open_id', dingtalk: 'userId' } as const;

export type PushPlatform = keyof typeof PUSH_IDENTITY_KIND;

/** The platform identities pushes are addressed to (src/features/recipients.ts picks among them). */
export function createPushIdentityRepository(db: Db) {
  return asyncRepository(db, {
    /** Every push identity, per platform and user (the first one of a user wins), in one query: for fan-outs. */
    all(): Map<PushPlatform, Map<number, string>> {
      const rows = db.$client
        .prepare("SELECT platform, kind, value, user_id FROM platform_identities WHERE (platform = 'feishu' AND kind = 'open_id') OR (platform = 'dingtalk' AND kind = 'userId')")
        .all() as { platform: PushPlatform; value: string; user_id: number }[];
      const byPlatform = new Map<PushPlatform, Map<number, string>>();
      for (const row of rows) {
        const map = byPlatform.get(row.platform) ?? new Map<number, string>();
        if (!map.has(row.user_id)) map.set(row.user_id, row.value);
        byPlatform.set(row.platform, map);
      }
      return byPlatform;
    },

    /** One user's id of another kind on a platform (DingTalk's unionId for its to-do API), read now. */
    identityOf(userId: number, platform: PushPlatform, kind: 'unionId' | 'union_id'): string | undefined {
      return db
        .select({ value: platformIdentities.value })
        .from(platformIdentities)
        .where(and(eq(platformIdentities.userId, userId), eq(platformIdentities.platform, platform), eq(platformIdentities.kind, kind)))
        .get()?.value;
    },

    /** One user's push identity on one platform, read now. */
    of(userId: number, platform: PushPlatform): string | undefined {
      return db
        .select({ value: platformIdentities.value })
        .from(platformIdentities)
        .where(and(eq(platformIdentities.userId, userId), eq(platformIdentities.platform, platform), eq(platformIdentities.kind, PUSH_IDENTITY_KIND[platform])))
        .get()?.value;
    },
  });
}
