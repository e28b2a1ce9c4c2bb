import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWebSessionRepository } from '../../db/repositories/web-sessions.js';
import type { AppDeps } from '../deps.js';

/** A working day plus margin: a rep opens the app in the morning and it still works in the evening. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface WebSession {
  userId: number;
  platform: string;
  csrfToken: string;
  expiresAt: number;
}

const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');

/** Compares two strings in constant time (length differences return false at once, which leaks nothing useful). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Server-side sessions behind a signed cookie value `<id>.<hmac>`. A cookie with a bad signature is
 * refused before the database is asked; an expired session is deleted when seen.
 */
export function createWebSessionStore(deps: Pick<AppDeps, 'db' | 'clock'>, options: { secret: string; ttlMs?: number }) {
  const ttlMs = options.ttlMs ?? SESSION_TTL_MS;
  const sign = (id: string) => createHmac('sha256', options.secret).update(id).digest('base64url');
  const rows = createWebSessionRepository(deps.db);
  const clock = deps.clock;

  return {
    async create(userId: number, platform: string): Promise<{ cookieValue: string; session: WebSession }> {
      const id = randomBytes(32).toString('base64url');
      const now = clock();
      const session: WebSession = { userId, platform, csrfToken: randomBytes(24).toString('base64url'), expiresAt: now + ttlMs };
      await rows.insert({ idHash: hashId(id), ...session, createdAt: now, lastSeenAt: now });
      return { cookieValue: `${id}.${sign(id)}`, session };
    },

    /** The live session a cookie value names, or undefined (forged, unknown or expired). */
    async resolve(cookieValue: string | undefined): Promise<WebSession | undefined> {
      const id = verified(cookieValue);
      if (!id) return undefined;
      const row = await rows.byIdHash(hashId(id));
      if (!row) return undefined;
      if (row.expiresAt <= clock()) {
        await rows.delete(row.idHash);
        return undefined;
      }
      return { userId: row.userId, platform: row.platform, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
    },

    async destroy(cookieValue: string | undefined): Promise<void> {
      const id = verified(cookieValue);
      if (id) await rows.delete(hashId(id));
    },

    /** Drops expired rows (called at login, so the table never grows without bound). */
    purgeExpired(): Promise<number> {
      return rows.purgeExpired(clock());
    },
  };

  function verified(cookieValue: string | undefined): string | undefined {
    if (!cookieValue) return undefined;
    const dot = cookieValue.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const id = cookieValue.slice(0, dot);
    return safeEqual(cookieValue.slice(dot + 1), sign(id)) ? id : undefined;
  }
}

export type WebSessionStore = ReturnType<typeof createWebSessionStore>;
