import { and, eq, gte, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { visits } from '../schema/index.js';

/**
 * A customer's open next steps (下一步 of its visits, due today or later or undated). They follow
 * the customer, not the visit's rep: whoever owns the customer now is the one to act on them.
 */
export function createOpenNextStepQueries(db: Db) {
  return asyncRepository(db, {
    countForCustomer(customerId: number, today: string): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(visits)
        .where(and(eq(visits.customerId, customerId), isNotNull(visits.nextStep), or(isNull(visits.nextStepDue), gte(visits.nextStepDue, today))))
        .get();
      return row?.n ?? 0;
    },
  });
}
