import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { affected, tablesOf } from '../dialect.js';
import type { customerLocations, visitCheckins } from '../schema/index.js';
import { createAuditedStore } from './audited-store.js';

export type VisitCheckin = typeof visitCheckins.$inferSelect;
export type NewVisitCheckin = Omit<typeof visitCheckins.$inferInsert, 'id'>;
export type CustomerLocation = typeof customerLocations.$inferSelect;

/** Check-ins on visits, customers' locations, and the chat visit a check-in attaches to. */
export function createCheckinRepository(db: Db) {
  const { customerLocations, recordEntries, visitCheckins } = tablesOf(db);
  const checkins = createAuditedStore(db, visitCheckins, 'visit_checkin');
  return asyncRepository(db, {
    insert: checkins.insert,
    async forVisit(visitId: number): Promise<VisitCheckin[]> {
      return await db.select().from(visitCheckins).where(eq(visitCheckins.visitId, visitId)).orderBy(visitCheckins.id);
    },
    /** The user's newest visit entry whose source is `source` (the platform it came through) made at or after `since`, not undone. */
    async latestVisitEntry(userId: number, source: string, since: number): Promise<{ visitId: number; createdAt: number } | undefined> {
      const [row] = await db
        .select({ visitId: recordEntries.entityId, createdAt: recordEntries.createdAt })
        .from(recordEntries)
        .where(and(eq(recordEntries.userId, userId), eq(recordEntries.kind, 'visit'), eq(recordEntries.source, source), isNull(recordEntries.undoneAt), gte(recordEntries.createdAt, since)))
        .orderBy(desc(recordEntries.createdAt), desc(recordEntries.id))
        .limit(1);
      return row;
    },
    async customerLocation(customerId: number): Promise<CustomerLocation | undefined> {
      return (await db.select().from(customerLocations).where(eq(customerLocations.customerId, customerId)).limit(1))[0];
    },
    /** Sets a customer's location unless it has one (the first one stands until someone replaces it on purpose). */
    async setCustomerLocationIfNone(row: CustomerLocation): Promise<boolean> {
      return affected(await db.insert(customerLocations).values(row).onConflictDoNothing()) > 0;
    },
  });
}

export type CheckinRepository = ReturnType<typeof createCheckinRepository>;
