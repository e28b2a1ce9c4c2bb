import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { recordEntries } from '../schema/index.js';

export type RecordEntry = typeof recordEntries.$inferSelect;
export type NewRecordEntry = Omit<typeof recordEntries.$inferInsert, 'id' | 'undoneAt'>;

/** The journal of entries people made: what undo reverts and where submission tokens are unique. */
export function createEntryRepository(db: Db) {
  return asyncRepository(db, {
    byToken(token: string): RecordEntry | undefined {
      return db.select().from(recordEntries).where(eq(recordEntries.submissionToken, token)).get();
    },
    get(id: number): RecordEntry | undefined {
      return db.select().from(recordEntries).where(eq(recordEntries.id, id)).get();
    },
    insert(entry: NewRecordEntry): RecordEntry {
      return db.insert(recordEntries).values(entry).returning().get();
    },
    /** The user's newest entry not yet undone, made at or after `since`. */
    latestUndoable(userId: number, since: number): RecordEntry | undefined {
      return db
        .select()
        .from(recordEntries)
        .where(and(eq(recordEntries.userId, userId), isNull(recordEntries.undoneAt), gte(recordEntries.createdAt, since)))
        .orderBy(desc(recordEntries.createdAt), desc(recordEntries.id))
        .get();
    },
    markUndone(id: number, at: number): void {
      db.update(recordEntries).set({ undoneAt: at }).where(eq(recordEntries.id, id)).run();
    },
  });
}

export type EntryRepository = ReturnType<typeof createEntryRepository>;
