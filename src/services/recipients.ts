import type { Db } from '../db/client.js';
import type { PlatformName, Recipient } from '../platforms/channel.js';

/**
 * Who a push goes to, per user: the platform identity on an enabled channel. Feishu is tried first
 * (open_id), then DingTalk (userId), then the sandbox (which knows every user by id). A user with no
 * identity on any enabled channel cannot be reached and is reported, not guessed.
 */
/** The identity each platform pushes to: Feishu messages a user by open_id, DingTalk's robot by userId. */
export const PUSH_IDENTITY_KIND = { feishu: 'open_id', dingtalk: 'userId' } as const;

const PREFERENCE: { platform: PlatformName; kind: string | null }[] = [
  { platform: 'feishu', kind: PUSH_IDENTITY_KIND.feishu },
  { platform: 'dingtalk', kind: PUSH_IDENTITY_KIND.dingtalk },
  { platform: 'sandbox', kind: null },
];

export interface RecipientResolver {
  resolve(userId: number): Recipient | null;
}

/** Loads every identity once, so resolving thousands of users for a fan-out costs one query. */
export function createRecipientResolver(db: Db, channels: Pick<ReadonlySet<PlatformName>, 'has'>): RecipientResolver {
  const rows = db.$client.prepare("SELECT platform, kind, value, user_id FROM platform_identities WHERE (platform = 'feishu' AND kind = 'open_id') OR (platform = 'dingtalk' AND kind = 'userId')").all() as {
    platform: PlatformName;
    kind: string;
    value: string;
    user_id: number;
  }[];
  const byPlatform = new Map<PlatformName, Map<number, string>>();
  for (const row of rows) {
    const map = byPlatform.get(row.platform) ?? new Map<number, string>();
    if (!map.has(row.user_id)) map.set(row.user_id, row.value);
    byPlatform.set(row.platform, map);
  }
  return {
    resolve(userId) {
      for (const { platform, kind } of PREFERENCE) {
        if (!channels.has(platform)) continue;
        if (kind === null) return { platform, userRef: String(userId) };
        const ref = byPlatform.get(platform)?.get(userId);
        if (ref) return { platform, userRef: ref };
      }
      return null;
    },
  };
}
