import type { AssessmentRow } from '../../db/repositories/assessment-repository.js';
import type { AssessmentAction } from '../../domain/assessment/state-machine.js';
import { distributionAcknowledgementProblem } from '../../domain/assessment/distribution-acknowledgement.js';
import { problem, type Problem } from '../../domain/problem.js';
import type { Actor } from '../actor.js';
import { assessmentFor, auditActor, fail, inTransaction, ruleActor } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { afterDecision } from './follow-ups.js';
import { freezePayPreviews } from '../pay/freeze.js';

export interface DecisionInput {
  assessmentId: number;
  /** The round the card or page showed. */
  version: number;
  /** The platform message the caller answers itself (a clicked card); every other copy is updated through the outbox. */
  exceptMessageId?: string;
}

/**
 * A click or post on a round that is no longer awaiting this decision: who decided (and how), or
 * "resubmitted since" when a newer round awaits approval. A CONFLICT (409 on the page).
 */
export async function alreadyDecided(deps: AssessmentDeps, row: AssessmentRow): Promise<Problem> {
  if (row.status === 'pending_approval') return problem('CONFLICT', 'assessment.approval.superseded');
  return problem('CONFLICT', 'assessment.toast.alreadyDecided', { by: await deps.views.nameOf(row.decidedByUserId), status: `assessment.status.${row.status}` });
}

async function decide(deps: AssessmentDeps, actor: Actor, input: DecisionInput, action: Extract<AssessmentAction, { type: 'approve' | 'reject' | 'send-back' }>): Promise<{ assessment: AssessmentRow }> {
  const row = await assessmentFor(deps, actor, 'decide', input.assessmentId);
  // Only a round that this click could still approve is checked: an old card hears who decided instead.
  if (action.type === 'approve' && row.status === 'pending_approval' && row.version === input.version) {
    const refusal = distributionAcknowledgementProblem(await deps.views.distributionOf(row.id), action.acknowledgement, { department: await deps.assessments.departmentName(row.departmentId), period: row.periodKey });
    if (refusal) fail(refusal);
  }
  return inTransaction(deps, async () => {
    const outcome = await deps.assessments.transition(row.id, action, ruleActor(actor), auditActor(actor), input.version);
    if (!outcome.ok) {
      const current = outcome.row;
      // The loser of a race, or a click on an old card: told who decided, nothing changes.
      if (outcome.problem.code === 'INVALID_STATE' && current && (current.status !== 'pending_approval' || outcome.stale)) fail(await alreadyDecided(deps, current));
      fail(outcome.problem);
    }
    if (outcome.row.status === 'approved') await freezePayPreviews(deps, outcome.row, await deps.assessments.resultsOf(outcome.row.id));
    await afterDecision(deps, outcome.row, input.version, input.exceptMessageId);
    return { assessment: outcome.row };
  });
}

/**
 * HR approves the round: results are locked and published, every rep gets their result card. A round
 * outside the forced distribution needs an acknowledgement (the reason goes into the audit row).
 */
export function approveAssessment(deps: AssessmentDeps, actor: Actor, input: DecisionInput & { acknowledgement?: string }): Promise<{ assessment: AssessmentRow }> {
  const acknowledgement = input.acknowledgement?.trim();
  return decide(deps, actor, input, acknowledgement ? { type: 'approve', acknowledgement } : { type: 'approve' });
}

/** HR sends the round back to the manager with a reason; the manager gets a fresh review card. */
export async function rejectAssessment(deps: AssessmentDeps, actor: Actor, input: DecisionInput & { reason: string }): Promise<{ assessment: AssessmentRow }> {
  return await decide(deps, actor, input, { type: 'reject', reason: input.reason });
}

/**
 * HR sends back only some reps with a comment: the manager gets the review again with those reps
 * open to re-review; everyone else's result stays as submitted.
 */
export function sendBackResults(deps: AssessmentDeps, actor: Actor, input: DecisionInput & { repUserIds: number[]; reason: string }): Promise<{ assessment: AssessmentRow }> {
  return decide(deps, actor, input, { type: 'send-back', repUserIds: input.repUserIds, reason: input.reason });
}

/** Before a rejection is written (the chat's reason form): the round, if it still awaits this decision. */
export async function roundAwaitingDecision(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number; version: number }): Promise<AssessmentRow> {
  const row = await assessmentFor(deps, actor, 'decide', input.assessmentId);
  if (row.version !== input.version || row.status !== 'pending_approval') fail(await alreadyDecided(deps, row));
  return row;
}
