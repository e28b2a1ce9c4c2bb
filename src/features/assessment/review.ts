import type { AssessmentRow } from '../../db/repositories/assessment-repository.js';
import { parsePointsToCenti } from '../../domain/assessment/frozen-scorecard.js';
import { problem } from '../../domain/problem.js';
import type { Actor } from '../actor.js';
import { assessmentFor, auditActor, fail, inTransaction, ruleActor } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { afterSubmit, afterWithdraw } from './follow-ups.js';

export interface AdjustInput {
  assessmentId: number;
  repUserId: number;
  /** As typed: "+3", "-2", "1.5"; "0" undoes an adjustment. */
  points: string;
  reason: string;
}

/** The manager (or an admin standing in) adjusts one rep's total within the bound, with a reason. */
export async function adjustResult(deps: AssessmentDeps, actor: Actor, input: AdjustInput): Promise<{ assessment: AssessmentRow; repName: string }> {
  const row = await assessmentFor(deps, actor, 'adjust', input.assessmentId);
  if (!Number.isInteger(input.repUserId) || input.repUserId <= 0) fail(problem('VALIDATION_FAILED', 'assessment.badRep'));
  const centi = parsePointsToCenti(input.points);
  if (centi === null) fail(problem('VALIDATION_FAILED', 'assessment.badPoints'));
  const outcome = await deps.assessments.transition(row.id, { type: 'adjust', repUserId: input.repUserId, points: centi / 100, reason: input.reason }, ruleActor(actor), auditActor(actor));
  if (!outcome.ok) fail(outcome.problem);
  const repName = (await deps.assessments.resultsOf(row.id)).find((r) => r.userId === input.repUserId)?.name ?? '';
  return { assessment: outcome.row, repName };
}

/**
 * The manager submits the review for HR approval; every HR user gets the approval card. `version` is
 * the one the card or page showed: a review changed since is refused as out of date.
 */
export async function submitReview(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number; version?: number }): Promise<{ assessment: AssessmentRow }> {
  const row = await assessmentFor(deps, actor, 'submit', input.assessmentId);
  return await inTransaction(deps, async () => {
    const outcome = await deps.assessments.transition(row.id, { type: 'submit' }, ruleActor(actor), auditActor(actor), input.version);
    if (!outcome.ok) fail(outcome.problem);
    await afterSubmit(deps, outcome.row);
    return { assessment: outcome.row };
  });
}

/** The manager takes a submitted review back before HR decides; HR's approval cards say it was withdrawn. */
export async function withdrawReview(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number; version?: number }): Promise<{ assessment: AssessmentRow }> {
  const row = await assessmentFor(deps, actor, 'submit', input.assessmentId);
  return inTransaction(deps, async () => {
    const outcome = await deps.assessments.transition(row.id, { type: 'withdraw' }, ruleActor(actor), auditActor(actor), input.version);
    if (!outcome.ok) fail(outcome.problem);
    await afterWithdraw(deps, outcome.row, row.version);
    return { assessment: outcome.row };
  });
}
