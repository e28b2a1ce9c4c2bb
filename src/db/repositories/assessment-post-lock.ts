import { and, asc, eq } from 'drizzle-orm';
import { inSyncTransaction, onConnection, type Db } from '../client.js';
import { assessmentPostLockAdjustments, assessmentResults, assessments, users } from '../schema/index.js';
import { toCenti } from '../../domain/assessment/frozen-scorecard.js';
import { nextPeriod, parsePeriodKey } from '../../domain/period.js';
import { kpiScorecardQueries } from './kpi-scorecard-repository.js';
import { writeAudit, type AuditActor } from './assessment-audit.js';

/**
 * Corrections to the records of a locked (approved) period. The locked result never changes; the
 * scorecard is recomputed from today's records and every result whose total now differs is listed as
 * a post-lock adjustment to settle in the next period, and audited once.
 *
 * Why recompute instead of a hook on record writes: records change through chat commands, the H5
 * app, imports and admin SQL fixes; a hook would have to sit in every one of those paths (and miss
 * the ones added later), while a recomputation sees them all. It runs on demand (the admin API) and
 * daily (the assessment-daily job); the unique (result, recomputed total) key keeps it idempotent.
 */
export function detectPostLockAdjustments(db: Db, periodKey: string, actor: AuditActor, zone: string) {
  return onConnection(db, async () => {
    const period = parsePeriodKey(periodKey, zone);
    if (!period) throw new Error(`bad period ${periodKey}`);
    const locked = db
      .select({ result: assessmentResults })
      .from(assessmentResults)
      .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
      .where(and(eq(assessments.periodKey, periodKey), eq(assessments.status, 'approved')))
      .all()
      .map((r) => r.result);
    if (locked.length > 0) {
      const scores = await kpiScorecardQueries(db).scorePeriod(period, { userIds: new Set(locked.map((r) => r.userId)) });
      const now = new Map(scores.reps.map((rep) => [rep.userId, { centi: toCenti(rep.total), grade: rep.scorecard.grade }]));
      const applyIn = nextPeriod(period).key;
      inSyncTransaction(db, () => {
        for (const result of locked) {
          const recomputed = now.get(result.userId);
          if (!recomputed || recomputed.centi === result.totalCenti) continue;
          const inserted = db
            .insert(assessmentPostLockAdjustments)
            .values({ resultId: result.id, periodKey, applyInPeriodKey: applyIn, lockedTotalCenti: result.totalCenti, recomputedTotalCenti: recomputed.centi, lockedGrade: result.grade, recomputedGrade: recomputed.grade, detectedAt: actor.now })
            .onConflictDoNothing()
            .returning()
            .get();
          if (inserted) {
            writeAudit(db, actor, 'assessment.post_lock_adjustment', 'assessment_result', result.id, { periodKey, userId: result.userId, totalCenti: result.totalCenti, grade: result.grade }, { periodKey, userId: result.userId, recomputedTotalCenti: recomputed.centi, recomputedGrade: recomputed.grade, applyInPeriodKey: applyIn });
          }
        }
      });
    }
    return db
      .select({ adjustment: assessmentPostLockAdjustments, employeeNo: users.employeeNo, name: users.name })
      .from(assessmentPostLockAdjustments)
      .innerJoin(assessmentResults, eq(assessmentResults.id, assessmentPostLockAdjustments.resultId))
      .innerJoin(users, eq(users.id, assessmentResults.userId))
      .where(eq(assessmentPostLockAdjustments.periodKey, periodKey))
      .orderBy(asc(assessmentPostLockAdjustments.id))
      .all()
      .map(({ adjustment, employeeNo, name }) => ({ ...adjustment, employeeNo, name }));
  });
}

/** The post-lock adjustments listed for one result. */
export function postLockAdjustmentsOf(db: Db, resultId: number) {
  return onConnection(db, async () => {
    return db.select().from(assessmentPostLockAdjustments).where(eq(assessmentPostLockAdjustments.resultId, resultId)).all();
  });
}
