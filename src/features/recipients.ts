import { createPushIdentityRepository, type PushPlatform } from '../db/repositories/push-identities.js';
import type { PlatformName, Recipient } from '../domain/platform-name.js';
import type { AppDeps } from './deps.js';

/** What a resolver reads: the database and the enabled platforms (`platforms` is read at each call). */
export type RecipientDeps = Pick<AppDeps, 'db' | 'platforms'>;

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

/** `deps.platforms` is read at each call: a platform enabled later (Feishu joins after the routes) is seen. */
function resolverOver(lookup: IdentityLookup, deps: Pick<AppDeps, 'platforms'>): RecipientResolver {
  function on(platform: PlatformName, userId: number): Recipient | null {
    if (!deps.platforms.includes(platform)) return null;
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
export async function createRecipientResolver(deps: RecipientDeps): Promise<RecipientResolver> {
  const identities = await createPushIdentityRepository(deps.db).all();
  return resolverOver((userId, platform) => identities.get(platform)?.get(userId), deps);
}

/** The same, answering a promise: a long-lived holder reads the identities at each call. */
export interface LiveRecipientResolver {
  resolve(userId: number): Promise<Recipient | null>;
  all(userId: number): Promise<Recipient[]>;
}

/** Reads a user's identities at each call: for a long-lived holder (the assessment notifier) that must see identities bound later. */
export function createLiveRecipientResolver(deps: RecipientDeps): LiveRecipientResolver {
  const identities = createPushIdentityRepository(deps.db);
  const forUser = async (userId: number): Promise<RecipientResolver> => {
    const refs = new Map<PushPlatform, string | undefined>();
    for (const platform of ['feishu', 'dingtalk'] as const) refs.set(platform, await identities.of(userId, platform));
    return resolverOver((_userId, platform) => refs.get(platform), deps);
  };
  return {
    resolve: async (userId) => (await forUser(userId)).resolve(userId),
    all: async (userId) => (await forUser(userId)).all(userId),
  };
}
