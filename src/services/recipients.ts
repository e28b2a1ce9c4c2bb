import type { Db } from '../db/client.js';
import { createPushIdentityRepository, type PushPlatform } from '../db/repositories/push-identities.js';
import type { PlatformName, Recipient } from '../platforms/channel.js';

/** The enabled platforms (a set, or the app's channel map: only `has` is read, at each call). */
export type EnabledPlatforms = { has(platform: PlatformName): boolean };

/**
 * Who a push goes to, per user: the platform identity on an enabled channel. Feishu is tried first
 * (open_id), then DingTalk (userId), then the sandbox (which knows every user by id). A user with no
 * identity on any enabled channel cannot be reached and is reported, not guessed.
 */
const PREFERENCE: readonly PlatformName[] = ['feishu', 'dingtalk', 'sandbox'];

export interface RecipientResolver {
  /** The one recipient a push goes to: the first enabled platform the user is reachable on, or null. */
  resolve(userId: number): Recipient | null;
  /** Every enabled platform the user is reachable on, in the same order (assessment cards go to each). */
  all(userId: number): Recipient[];
}

type IdentityLookup = (userId: number, platform: PushPlatform) => string | undefined;

/** `channels` is read at each call: a platform enabled later is seen. */
function resolverOver(lookup: IdentityLookup, channels: EnabledPlatforms): RecipientResolver {
  function on(platform: PlatformName, userId: number): Recipient | null {
    if (!channels.has(platform)) return null;
    if (platform === 'sandbox') return { platform, userRef: String(userId) };
    const ref = lookup(userId, platform);
    return ref ? { platform, userRef: ref } : null;
  }
  return {
    resolve(userId) {
      for (const platform of PREFERENCE) {
        const recipient = on(platform, userId);
        if (recipient) return recipient;
      }
      return null;
    },
    all(userId) {
      return PREFERENCE.map((platform) => on(platform, userId)).filter((r): r is Recipient => r !== null);
    },
  };
}

/** Loads every identity once, so resolving thousands of users for a fan-out (weekly report, alerts) costs one query. */
export function createRecipientResolver(db: Db, channels: EnabledPlatforms): RecipientResolver {
  const identities = createPushIdentityRepository(db).all();
  return resolverOver((userId, platform) => identities.get(platform)?.get(userId), channels);
}

/** Reads a user's identities at each call: for a long-lived holder (the assessment notifier) that must see identities bound later. */
export function createLiveRecipientResolver(db: Db, channels: EnabledPlatforms): RecipientResolver {
  const identities = createPushIdentityRepository(db);
  return resolverOver((userId, platform) => identities.of(userId, platform), channels);
}
