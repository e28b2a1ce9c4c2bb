import { and, desc, eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { deals } from '../schema/index.js';

/** What the history import looks up beside the records it writes. */
export function createHistoryLookup(db: Db) {
  return asyncRepository(db, {
    /** The rep's latest won deal with the customer, which an imported payment is booked on. */
    wonDealOf(customerId: number, repUserId: number): number | undefined {
      return db
        .select({ id: deals.id })
        .from(deals)
        .where(and(eq(deals.customerId, customerId), eq(deals.repUserId, repUserId), eq(deals.stage, 'won')))
        .orderBy(desc(deals.wonOn), desc(deals.id))
        .get()?.id;
    },
  });
}
