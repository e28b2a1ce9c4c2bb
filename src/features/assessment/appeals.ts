import type { AppealRow, AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import { parsePointsToCenti } from '../../domain/assessment/frozen-scorecard.js';
import type { ResultAction } from '../../domain/assessment/state-machine.js';
import { problem } from '../../domain/problem.js';
import type { Actor } from '../actor.js';
import { appealFor, auditActor, fail, inTransaction, ruleActor } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { afterResolve } from './follow-ups.js';

export interface ResolveInput {
  appealId: number;
  /** 'uphold' or 'adjust' (anything else is refused: a form sent without a choice). */
  outcome: string;
  /** For 'adjust': as typed, e.g. "+2"; not zero. */
  points?: string;
  reason: string;
  /** The platform message the caller answers itself (a clicked card). */
  exceptMessageId?: string;
}

function actionOf(input: ResolveInput): Extract<ResultAction, { type: 'resolve-appeal' }> {
  if (input.outcome === 'uphold') return { type: 'resolve-appeal', outcome: 'uphold', reason: input.reason };
  if (input.outcome !== 'adjust') fail(problem('VALIDATION_FAILED', 'assessment.problem.chooseOutcome'));
  const centi = parsePointsToCenti(input.points ?? '');
  if (centi === null || centi === 0) fail(problem('VALIDATION_FAILED', 'assessment.badPoints'));
  return { type: 'resolve-appeal', outcome: 'adjust', points: centi / 100, reason: input.reason };
}

/**
 * HR or the rep's manager resolves an open appeal: upheld, or the score adjusted (a new approved
 * version). Every copy of the appeal card shows the resolution and the rep is told.
 */
export async function resolveAppeal(deps: AssessmentDeps, actor: Actor, input: ResolveInput): Promise<{ appeal: AppealRow; result: ResultRow; assessment: AssessmentRow }> {
  const { appeal, assessment } = await appealFor(deps, actor, input.appealId);
  const action = actionOf(input);
  return await inTransaction(deps, async () => {
    const outcome = await deps.assessments.actOnResult(appeal.resultId, action, ruleActor(actor), auditActor(actor));
    if (!outcome.ok) {
      const current = await deps.assessments.appeal(appeal.id) as AppealRow;
      if (outcome.problem.code === 'INVALID_STATE' && current.status === 'resolved') {
        fail(problem('CONFLICT', 'assessment.toast.alreadyDecided', { by: await deps.views.nameOf(current.resolvedByUserId), status: 'assessment.result.status.appeal_resolved' }));
      }
      fail(outcome.problem);
    }
    await afterResolve(deps, outcome.row, appeal.id, input.exceptMessageId);
    return { appeal: await deps.assessments.appeal(appeal.id) as AppealRow, result: outcome.row, assessment };
  });
}
