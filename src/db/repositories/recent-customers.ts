import { desc, eq, max } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import { inCodePointOrder } from './customer-owner-repository.js';

export interface CustomerPick {
  id: number;
  name: string;
  ownerUserId: number;
}

/** The customers a rep reaches for: the ones they visited last, and the ones they own. */
export function createRecentCustomerRepository(db: Db) {
  const { customers, visits } = tablesOf(db);
  return asyncRepository(db, {
    /** Customers of the rep's latest visits, newest first (by visit date, then by entry). */
    async lastVisitedBy(repUserId: number, limit: number): Promise<CustomerPick[]> {
      return await db
        .select({ id: customers.id, name: customers.name, ownerUserId: customers.ownerUserId })
        .from(visits)
        .innerJoin(customers, eq(customers.id, visits.customerId))
        .where(eq(visits.repUserId, repUserId))
        .groupBy(customers.id)
        .orderBy(desc(max(visits.visitDate)), desc(max(visits.id)))
        .limit(limit);
    },
    async ownedBy(ownerUserId: number, limit: number): Promise<CustomerPick[]> {
      return await db
        .select({ id: customers.id, name: customers.name, ownerUserId: customers.ownerUserId })
        .from(customers)
        .where(eq(customers.ownerUserId, ownerUserId))
        .orderBy(inCodePointOrder(db, customers.name))
        .limit(limit);
    },
  });
}
