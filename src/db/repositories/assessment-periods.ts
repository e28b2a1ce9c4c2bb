import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';

export interface ApprovedPeriod {
  periodKey: string;
  departments: number;
  people: number;
}

/** Which periods have approved assessments: what an export offers and what post-lock checks revisit. */
export function createAssessmentPeriodRepository(db: Db) {
  const { assessmentResults, assessments } = tablesOf(db);
  return asyncRepository(db, {
    /** Periods with at least one approved department, newest first, with departments and people counted. */
    async approved(): Promise<ApprovedPeriod[]> {
      return await db
        .select({
          periodKey: assessments.periodKey,
          departments: sql<number>`count(distinct ${assessments.id})`.mapWith(Number),
          people: sql<number>`count(${assessmentResults.id})`.mapWith(Number),
        })
        .from(assessments)
        .leftJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
        .where(eq(assessments.status, 'approved'))
        .groupBy(assessments.periodKey)
        .orderBy(desc(assessments.periodKey));
    },

    /** Periods with an assessment approved at or after `since`. */
    async approvedSince(since: number): Promise<string[]> {
      const rows = await db
        .selectDistinct({ periodKey: assessments.periodKey })
        .from(assessments)
        .where(and(eq(assessments.status, 'approved'), gte(assessments.decidedAt, since)));
      return rows.map((r) => r.periodKey);
    },
  });
}
