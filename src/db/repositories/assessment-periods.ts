import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { assessmentResults, assessments } from '../schema/index.js';

export interface ApprovedPeriod {
  periodKey: string;
  departments: number;
  people: number;
}

/** Which periods have approved assessments: what an export offers and what post-lock checks revisit. */
export function createAssessmentPeriodRepository(db: Db) {
  return asyncRepository(db, {
    /** Periods with at least one approved department, newest first, with departments and people counted. */
    approved(): ApprovedPeriod[] {
      return db
        .select({
          periodKey: assessments.periodKey,
          departments: sql<number>`count(distinct ${assessments.id})`,
          people: sql<number>`count(${assessmentResults.id})`,
        })
        .from(assessments)
        .leftJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
        .where(eq(assessments.status, 'approved'))
        .groupBy(assessments.periodKey)
        .orderBy(desc(assessments.periodKey))
        .all();
    },

    /** Periods with an assessment approved at or after `since`. */
    approvedSince(since: number): string[] {
      return db
        .selectDistinct({ periodKey: assessments.periodKey })
        .from(assessments)
        .where(and(eq(assessments.status, 'approved'), gte(assessments.decidedAt, since)))
        .all()
        .map((r) => r.periodKey);
    },
  });
}
