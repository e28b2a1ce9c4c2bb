import { eq, lt } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { webSessions } from '../schema/index.js';

export type WebSessionRow = typeof webSessions.$inferSelect;

/** The web_sessions table, keyed by the SHA-256 of the session id (src/features/sessions/web-sessions.ts owns ids and cookies). */
export function createWebSessionRepository(db: Db) {
  return asyncRepository(db, {
    insert(row: WebSessionRow): void {
      db.insert(webSessions).values(row).run();
    },
    byIdHash(idHash: string): WebSessionRow | undefined {
      return db.select().from(webSessions).where(eq(webSessions.idHash, idHash)).get();
    },
    delete(idHash: string): void {
      db.delete(webSessions).where(eq(webSessions.idHash, idHash)).run();
    },
    /** Deletes the rows expired before `now`; returns how many. */
    purgeExpired(now: number): number {
      return db.delete(webSessions).where(lt(webSessions.expiresAt, now)).run().changes;
    },
  });
}

export type WebSessionRepository = ReturnType<typeof createWebSessionRepository>;
