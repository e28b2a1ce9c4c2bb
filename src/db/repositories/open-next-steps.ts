import { and, eq, gte, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';

/**
 * A customer's open next steps (下一步 of its visits, due today or later or undated). They follow
 * the customer, not the visit's rep: whoever owns the customer now is the one to act on them.
 */
export function createOpenNextStepQueries(db: Db) {
  const { visits } = tablesOf(db);
  return asyncRepository(db, {
    async countForCustomer(customerId: number, today: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(visits)
        .where(and(eq(visits.customerId, customerId), isNotNull(visits.nextStep), or(isNull(visits.nextStepDue), gte(visits.nextStepDue, today))));
      return row?.n ?? 0;
    },
  });
}
