import { eq, lt } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { affected, tablesOf } from '../dialect.js';
import type { webSessions } from '../schema/index.js';

export type WebSessionRow = typeof webSessions.$inferSelect;

/** The web_sessions table, keyed by the SHA-256 of the session id (src/features/sessions/web-sessions.ts owns ids and cookies). */
export function createWebSessionRepository(db: Db) {
  const { webSessions } = tablesOf(db);
  return asyncRepository(db, {
    async insert(row: WebSessionRow): Promise<void> {
      await db.insert(webSessions).values(row);
    },
    async byIdHash(idHash: string): Promise<WebSessionRow | undefined> {
      return (await db.select().from(webSessions).where(eq(webSessions.idHash, idHash)).limit(1))[0];
    },
    async delete(idHash: string): Promise<void> {
      await db.delete(webSessions).where(eq(webSessions.idHash, idHash));
    },
    /** Deletes the rows expired before `now`; returns how many. */
    async purgeExpired(now: number): Promise<number> {
      return affected(await db.delete(webSessions).where(lt(webSessions.expiresAt, now)));
    },
  });
}

export type WebSessionRepository = ReturnType<typeof createWebSessionRepository>;
