import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tablesOf } from '../dialect.js';

/** The keys of the approved (locked) assessment periods that hold this person's result. */
export async function lockedPeriodKeysOf(db: Db, userId: number): Promise<string[]> {
  const { assessmentResults, assessments } = tablesOf(db);
  const rows = await db
    .selectDistinct({ periodKey: assessments.periodKey })
    .from(assessmentResults)
    .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
    .where(and(eq(assessmentResults.userId, userId), eq(assessments.status, 'approved')));
  return rows.map((r) => r.periodKey);
}
