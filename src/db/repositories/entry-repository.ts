import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { executeSql, isPg, tablesOf } from '../dialect.js';
import type { recordEntries } from '../schema/index.js';

export type RecordEntry = typeof recordEntries.$inferSelect;
export type NewRecordEntry = Omit<typeof recordEntries.$inferInsert, 'id' | 'undoneAt'>;

/** The journal of entries people made: what undo reverts and where submission tokens are unique. */
export function createEntryRepository(db: Db) {
  const { recordEntries } = tablesOf(db);
  return asyncRepository(db, {
    /**
     * Inside a transaction: waits until no other transaction holding this token is open, so that byToken
     * then sees its entry. PostgreSQL runs two submits of one card side by side (SQLite one at a time).
     */
    async holdToken(token: string): Promise<void> {
      if (isPg(db)) await executeSql(db, sql`SELECT pg_advisory_xact_lock(hashtext(${token}))`);
    },
    async byToken(token: string): Promise<RecordEntry | undefined> {
      return (await db.select().from(recordEntries).where(eq(recordEntries.submissionToken, token)).limit(1))[0];
    },
    async get(id: number): Promise<RecordEntry | undefined> {
      return (await db.select().from(recordEntries).where(eq(recordEntries.id, id)).limit(1))[0];
    },
    async insert(entry: NewRecordEntry): Promise<RecordEntry> {
      const [row] = await db.insert(recordEntries).values(entry).returning();
      return row!;
    },
    /** The user's newest entry not yet undone, made at or after `since`. */
    async latestUndoable(userId: number, since: number): Promise<RecordEntry | undefined> {
      const [row] = await db
        .select()
        .from(recordEntries)
        .where(and(eq(recordEntries.userId, userId), isNull(recordEntries.undoneAt), gte(recordEntries.createdAt, since)))
        .orderBy(desc(recordEntries.createdAt), desc(recordEntries.id))
        .limit(1);
      return row;
    },
    async markUndone(id: number, at: number): Promise<void> {
      await db.update(recordEntries).set({ undoneAt: at }).where(eq(recordEntries.id, id));
    },
  });
}

export type EntryRepository = ReturnType<typeof createEntryRepository>;
