import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import type { SubmittedResult } from '../../domain/assessment/review-changes.js';
import type { AssessmentAction } from '../../domain/assessment/state-machine.js';
import type { assessmentResults } from '../schema/index.js';

type ResultRow = typeof assessmentResults.$inferSelect;

/**
 * The rounds of a review, read from its audit rows (the steps are recorded there with their reasons,
 * and nothing edits them): which reps a send-back reopened, and what each submission held.
 */
export function createAssessmentRounds(db: Db) {
  const { auditLog } = tablesOf(db);
  const steps = (assessmentId: number, actions: string[]) =>
    db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'assessment'), eq(auditLog.entityId, String(assessmentId)), inArray(auditLog.action, actions)))
      .orderBy(desc(auditLog.id));

  return {
    /** The reps reopened by the latest send-back, while the review is back with the manager; [] otherwise. */
    async reopenedUserIds(assessmentId: number): Promise<number[]> {
      const [last] = await steps(assessmentId, ['assessment.submit', 'assessment.reject', 'assessment.send-back', 'assessment.withdraw']);
      return last?.action === 'assessment.send-back' ? ((last.after as { repUserIds?: number[] }).repUserIds ?? []) : [];
    },

    /** The results as submitted in the round before the latest one; null when there was none. */
    async previousSubmission(assessmentId: number): Promise<SubmittedResult[] | null> {
      const submits = await steps(assessmentId, ['assessment.submit']);
      return (submits[1]?.after as { results?: SubmittedResult[] } | undefined)?.results ?? null;
    },
  };
}

/** What a step's audit row adds: the reason (and who was sent back), an approval's distribution acknowledgement, or what a submission held (for the next round's diff). */
export function stepDetail(action: AssessmentAction, results: readonly Pick<ResultRow, 'userId' | 'totalCenti' | 'finalCenti' | 'adjustmentCenti' | 'adjustmentReason'>[]): Record<string, unknown> {
  if (action.type === 'reject') return { reason: action.reason.trim() };
  if (action.type === 'send-back') return { reason: action.reason.trim(), repUserIds: [...action.repUserIds] };
  if (action.type === 'approve' && action.acknowledgement) return { distributionAcknowledgement: action.acknowledgement };
  if (action.type === 'submit') return { results: results.map((r) => ({ userId: r.userId, finalCenti: r.finalCenti ?? r.totalCenti ?? 0, adjustmentCenti: r.adjustmentCenti, reason: r.adjustmentReason })) };
  return {};
}
