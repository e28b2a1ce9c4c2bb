import { and, eq, sum } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import { decidersOf, type Deciders } from '../../domain/assessment/permissions.js';
import type { AssessmentAction } from '../../domain/assessment/state-machine.js';
import { createAssessmentRounds } from './assessment-rounds.js';

/**
 * The facts the separation-of-duties rules need, read inside the caller's transaction: who is in an
 * assessment, who decides on it, and what a rep's result already carries from appeals.
 */
export function createAssessmentFacts(db: Db) {
  const { assessmentAppeals, assessmentResults, userRoles, users } = tablesOf(db);
  const rounds = createAssessmentRounds(db);
  const activeIds = async (role: 'hr' | 'admin'): Promise<number[]> =>
    (
      await db
        .select({ id: users.id })
        .from(users)
        .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
        .where(eq(users.active, true))
        .orderBy(users.id)
    ).map((u) => u.id);

  async function assessedUserIds(assessmentId: number): Promise<number[]> {
    return (await db.select({ userId: assessmentResults.userId }).from(assessmentResults).where(eq(assessmentResults.assessmentId, assessmentId))).map((r) => r.userId);
  }

  /** Points a rep's result carries from resolved appeals (the review's own adjustment is replaced, so not counted). */
  async function appealPoints(assessmentId: number, repUserId: number): Promise<number> {
    // sum() is text on both drivers (pg: numeric): Number() reads it.
    const [row] = await db
      .select({ centi: sum(assessmentAppeals.pointsCenti) })
      .from(assessmentAppeals)
      .innerJoin(assessmentResults, eq(assessmentResults.id, assessmentAppeals.resultId))
      .where(and(eq(assessmentResults.assessmentId, assessmentId), eq(assessmentResults.userId, repUserId), eq(assessmentAppeals.outcome, 'adjust')));
    return Number(row?.centi ?? 0) / 100;
  }

  /** The active HR users not in it, else the active admins not in it. */
  async function deciders(assessmentId: number): Promise<Deciders & { assessedUserIds: number[] }> {
    const assessed = await assessedUserIds(assessmentId);
    return { ...decidersOf(assessed, await activeIds('hr'), await activeIds('admin')), assessedUserIds: assessed };
  }

  return {
    deciders,
    /** What the repository exposes as is: who decides, and what the previous round held. */
    rounds: { deciders, previousSubmission: rounds.previousSubmission, reopenedUserIds: rounds.reopenedUserIds },

    /** The facts of an assessment transition: who is in it, whether HR can decide, what appeals already added. */
    async forAction(assessmentId: number, action: AssessmentAction): Promise<{ assessedUserIds: number[]; hrCanDecide: boolean; adjustedSoFar: number; reopenedUserIds: number[] }> {
      const found = await deciders(assessmentId);
      const adjustedSoFar = action.type === 'adjust' ? await appealPoints(assessmentId, action.repUserId) : 0;
      const reopenedUserIds = action.type === 'adjust' ? await rounds.reopenedUserIds(assessmentId) : [];
      return { assessedUserIds: found.assessedUserIds, hrCanDecide: found.by === 'hr', adjustedSoFar, reopenedUserIds };
    },
  };
}
