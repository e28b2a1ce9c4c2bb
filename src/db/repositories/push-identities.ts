import { and, eq, or } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';

/** The identity each platform pushes to: Feishu messages a user by open_id, DingTalk's robot by userId. */
export const PUSH_IDENTITY_KIND = { feishu: 'open_id', dingtalk: 'userId' } as const;

export type PushPlatform = keyof typeof PUSH_IDENTITY_KIND;

/** The platform identities pushes are addressed to (src/features/recipients.ts picks among them). */
export function createPushIdentityRepository(db: Db) {
  const { platformIdentities } = tablesOf(db);
  const pushKindOf = (platform: PushPlatform) => and(eq(platformIdentities.platform, platform), eq(platformIdentities.kind, PUSH_IDENTITY_KIND[platform]));

  return asyncRepository(db, {
    /** Every push identity, per platform and user (the first one of a user wins), in one query: for fan-outs. */
    async all(): Promise<Map<PushPlatform, Map<number, string>>> {
      const rows = (await db
        .select({ platform: platformIdentities.platform, value: platformIdentities.value, userId: platformIdentities.userId })
        .from(platformIdentities)
        .where(or(pushKindOf('feishu'), pushKindOf('dingtalk')))
        // The oldest identity of a user wins, the same on either database (neither promises an order by itself).
        .orderBy(platformIdentities.createdAt, platformIdentities.value)) as { platform: PushPlatform; value: string; userId: number }[];
      const byPlatform = new Map<PushPlatform, Map<number, string>>();
      for (const row of rows) {
        const map = byPlatform.get(row.platform) ?? new Map<number, string>();
        if (!map.has(row.userId)) map.set(row.userId, row.value);
        byPlatform.set(row.platform, map);
      }
      return byPlatform;
    },

    /** One user's id of another kind on a platform (DingTalk's unionId for its to-do API), read now. */
    async identityOf(userId: number, platform: PushPlatform, kind: 'unionId' | 'union_id'): Promise<string | undefined> {
      const [row] = await db
        .select({ value: platformIdentities.value })
        .from(platformIdentities)
        .where(and(eq(platformIdentities.userId, userId), eq(platformIdentities.platform, platform), eq(platformIdentities.kind, kind)))
        .orderBy(platformIdentities.createdAt, platformIdentities.value)
        .limit(1);
      return row?.value;
    },

    /** One user's push identity on one platform, read now. */
    async of(userId: number, platform: PushPlatform): Promise<string | undefined> {
      const [row] = await db.select({ value: platformIdentities.value }).from(platformIdentities).where(and(eq(platformIdentities.userId, userId), pushKindOf(platform))).orderBy(platformIdentities.createdAt, platformIdentities.value).limit(1);
      return row?.value;
    },
  });
}
