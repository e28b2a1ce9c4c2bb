import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { customerLocations, recordEntries, visitCheckins } from '../schema/index.js';
import { createAuditedStore } from './audited-store.js';

export type VisitCheckin = typeof visitCheckins.$inferSelect;
export type NewVisitCheckin = Omit<typeof visitCheckins.$inferInsert, 'id'>;
export type CustomerLocation = typeof customerLocations.$inferSelect;

/** Check-ins on visits, customers' locations, and the chat visit a check-in attaches to. */
export function createCheckinRepository(db: Db) {
  const checkins = createAuditedStore(db, visitCheckins, 'visit_checkin');
  return asyncRepository(db, {
    insert: checkins.insert,
    forVisit(visitId: number): VisitCheckin[] {
      return db.select().from(visitCheckins).where(eq(visitCheckins.visitId, visitId)).orderBy(visitCheckins.id).all();
    },
    /** The user's newest visit entry whose source is `source` (the platform it came through) made at or after `since`, not undone. */
    latestVisitEntry(userId: number, source: string, since: number): { visitId: number; createdAt: number } | undefined {
      const row = db
        .select({ visitId: recordEntries.entityId, createdAt: recordEntries.createdAt })
        .from(recordEntries)
        .where(and(eq(recordEntries.userId, userId), eq(recordEntries.kind, 'visit'), eq(recordEntries.source, source), isNull(recordEntries.undoneAt), gte(recordEntries.createdAt, since)))
        .orderBy(desc(recordEntries.createdAt), desc(recordEntries.id))
        .get();
      return row ?? undefined;
    },
    customerLocation(customerId: number): CustomerLocation | undefined {
      return db.select().from(customerLocations).where(eq(customerLocations.customerId, customerId)).get();
    },
    /** Sets a customer's location unless it has one (the first one stands until someone replaces it on purpose). */
    setCustomerLocationIfNone(row: CustomerLocation): boolean {
      return db.insert(customerLocations).values(row).onConflictDoNothing().run().changes > 0;
    },
  });
}

export type CheckinRepository = ReturnType<typeof createCheckinRepository>;
