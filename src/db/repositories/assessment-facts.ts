import { and, eq, sum } from 'drizzle-orm';
import type { Db } from '../client.js';
import { assessmentAppeals, assessmentResults, userRoles, users } from '../schema/index.js';
import { decidersOf, type Deciders } from '../../domain/assessment/permissions.js';
import type { AssessmentAction } from '../../domain/assessment/state-machine.js';
import { createAssessmentRounds } from './assessment-rounds.js';

/**
 * The facts the separation-of-duties rules need, read inside the caller's transaction: who is in an
 * assessment, who decides on it, and what a rep's result already carries from appeals.
 */
export function createAssessmentFacts(db: Db) {
  const rounds = createAssessmentRounds(db);
  // Synchronous on purpose: read inside the repository's own (synchronous) transaction.
  const activeIds = (role: 'hr' | 'admin'): number[] =>
    db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
      .where(eq(users.active, true))
      .orderBy(users.id)
      .all()
      .map((u) => u.id);

  function assessedUserIds(assessmentId: number): number[] {
    return db.select({ userId: assessmentResults.userId }).from(assessmentResults).where(eq(assessmentResults.assessmentId, assessmentId)).all().map((r) => r.userId);
  }

  /** Points a rep's result carries from resolved appeals (the review's own adjustment is replaced, so not counted). */
  function appealPoints(assessmentId: number, repUserId: number): number {
    const row = db
      .select({ centi: sum(assessmentAppeals.pointsCenti) })
      .from(assessmentAppeals)
      .innerJoin(assessmentResults, eq(assessmentResults.id, assessmentAppeals.resultId))
      .where(and(eq(assessmentResults.assessmentId, assessmentId), eq(assessmentResults.userId, repUserId), eq(assessmentAppeals.outcome, 'adjust')))
      .get();
    return Number(row?.centi ?? 0) / 100;
  }

  /** The active HR users not in it, else the active admins not in it. */
  function deciders(assessmentId: number): Deciders & { assessedUserIds: number[] } {
    const assessed = assessedUserIds(assessmentId);
    return { ...decidersOf(assessed, activeIds('hr'), activeIds('admin')), assessedUserIds: assessed };
  }

  return {
    deciders,
    /** What the repository exposes as is: who decides, and what the previous round held. */
    rounds: { deciders, previousSubmission: rounds.previousSubmission, reopenedUserIds: rounds.reopenedUserIds },

    /** The facts of an assessment transition: who is in it, whether HR can decide, what appeals already added. */
    forAction(assessmentId: number, action: AssessmentAction): { assessedUserIds: number[]; hrCanDecide: boolean; adjustedSoFar: number; reopenedUserIds: number[] } {
      const found = deciders(assessmentId);
      const adjustedSoFar = action.type === 'adjust' ? appealPoints(assessmentId, action.repUserId) : 0;
      const reopenedUserIds = action.type === 'adjust' ? rounds.reopenedUserIds(assessmentId) : [];
      return { assessedUserIds: found.assessedUserIds, hrCanDecide: found.by === 'hr', adjustedSoFar, reopenedUserIds };
    },
  };
}
