import type { AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import type { ResultAction } from '../../domain/assessment/state-machine.js';
import type { Actor } from '../actor.js';
import { auditActor, fail, inTransaction, resultFor, ruleActor } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { afterAppeal } from './follow-ups.js';

type Responded = { result: ResultRow; assessment: AssessmentRow };

function respond(deps: AssessmentDeps, actor: Actor, resultId: number, action: Extract<ResultAction, { type: 'acknowledge' | 'appeal' }>): Responded & { appealId?: number } {
  const { assessment } = resultFor(deps, actor, 'respond', resultId);
  return inTransaction(deps, () => {
    const outcome = deps.assessments.actOnResult(resultId, action, ruleActor(actor), auditActor(actor));
    if (!outcome.ok) fail(outcome.problem);
    if (outcome.appealId !== undefined) afterAppeal(deps, outcome.row, outcome.appealId);
    return { result: outcome.row, assessment, ...(outcome.appealId === undefined ? {} : { appealId: outcome.appealId }) };
  });
}

/** The rep accepts their published result (within the window). */
export function acknowledgeResult(deps: AssessmentDeps, actor: Actor, input: { resultId: number }): Responded {
  return respond(deps, actor, input.resultId, { type: 'acknowledge' });
}

/** The rep appeals their result with a reason (and the indicator concerned); their manager and HR get the appeal card. */
export function appealResult(deps: AssessmentDeps, actor: Actor, input: { resultId: number; reason: string; indicatorKey?: string }): Responded & { appealId: number } {
  const indicatorKey = input.indicatorKey?.trim();
  const { appealId, ...responded } = respond(deps, actor, input.resultId, { type: 'appeal', reason: input.reason, ...(indicatorKey ? { indicatorKey } : {}) });
  return { ...responded, appealId: appealId as number };
}

/** The rep's own result, to show with its appeal form. */
export function ownResult(deps: AssessmentDeps, actor: Actor, input: { resultId: number }): Responded {
  return resultFor(deps, actor, 'respond', input.resultId);
}
