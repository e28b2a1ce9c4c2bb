import { asc, desc, eq, max } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { customers, visits } from '../schema/index.js';

export interface CustomerPick {
  id: number;
  name: string;
  ownerUserId: number;
}

/** The customers a rep reaches for: the ones they visited last, and the ones they own. */
export function createRecentCustomerRepository(db: Db) {
  return asyncRepository(db, {
    /** Customers of the rep's latest visits, newest first (by visit date, then by entry). */
    lastVisitedBy(repUserId: number, limit: number): CustomerPick[] {
      return db
        .select({ id: customers.id, name: customers.name, ownerUserId: customers.ownerUserId })
        .from(visits)
        .innerJoin(customers, eq(customers.id, visits.customerId))
        .where(eq(visits.repUserId, repUserId))
        .groupBy(customers.id)
        .orderBy(desc(max(visits.visitDate)), desc(max(visits.id)))
        .limit(limit)
        .all();
    },
    ownedBy(ownerUserId: number, limit: number): CustomerPick[] {
      return db
        .select({ id: customers.id, name: customers.name, ownerUserId: customers.ownerUserId })
        .from(customers)
        .where(eq(customers.ownerUserId, ownerUserId))
        .orderBy(asc(customers.name))
        .limit(limit)
        .all();
    },
  });
}
