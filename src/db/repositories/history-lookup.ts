import { and, desc, eq, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';

/** What the history import looks up beside the records it writes. */
export function createHistoryLookup(db: Db) {
  const { deals } = tablesOf(db);
  return asyncRepository(db, {
    /** The rep's latest won deal with the customer, which an imported payment is booked on. */
    async wonDealOf(customerId: number, repUserId: number): Promise<number | undefined> {
      const [deal] = await db
        .select({ id: deals.id })
        .from(deals)
        .where(and(eq(deals.customerId, customerId), eq(deals.repUserId, repUserId), eq(deals.stage, 'won')))
        // SQLite puts NULLs last in a descending order; PostgreSQL first unless told.
        .orderBy(sql`${deals.wonOn} DESC NULLS LAST`, desc(deals.id))
        .limit(1);
      return deal?.id;
    },
  });
}
