import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { assessmentResults, assessments } from '../schema/index.js';

/** The keys of the approved (locked) assessment periods that hold this person's result. */
export function lockedPeriodKeysOf(db: Db, userId: number): string[] {
  return db
    .selectDistinct({ periodKey: assessments.periodKey })
    .from(assessmentResults)
    .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
    .where(and(eq(assessmentResults.userId, userId), eq(assessments.status, 'approved')))
    .all()
    .map((r) => r.periodKey);
}
