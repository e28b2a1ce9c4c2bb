import type { AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import type { ResultAction } from '../../domain/assessment/state-machine.js';
import type { Actor } from '../actor.js';
import { auditActor, fail, inTransaction, resultFor, ruleActor } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { afterAppeal } from './follow-ups.js';

type Responded = { result: ResultRow; assessment: AssessmentRow };

async function respond(deps: AssessmentDeps, actor: Actor, resultId: number, action: Extract<ResultAction, { type: 'acknowledge' | 'appeal' }>): Promise<Responded & { appealId?: number }> {
  const { assessment } = await resultFor(deps, actor, 'respond', resultId);
  return await inTransaction(deps, async () => {
    const outcome = await deps.assessments.actOnResult(resultId, action, ruleActor(actor), auditActor(actor));
    if (!outcome.ok) fail(outcome.problem);
    if (outcome.appealId !== undefined) await afterAppeal(deps, outcome.row, outcome.appealId);
    return { result: outcome.row, assessment, ...(outcome.appealId === undefined ? {} : { appealId: outcome.appealId }) };
  });
}

/** The rep accepts their published result (within the window). */
export async function acknowledgeResult(deps: AssessmentDeps, actor: Actor, input: { resultId: number }): Promise<Responded> {
  return await respond(deps, actor, input.resultId, { type: 'acknowledge' });
}

/** The rep appeals their result with a reason (and the indicator concerned); their manager and HR get the appeal card. */
export async function appealResult(deps: AssessmentDeps, actor: Actor, input: { resultId: number; reason: string; indicatorKey?: string }): Promise<Responded & { appealId: number }> {
  const indicatorKey = input.indicatorKey?.trim();
  const { appealId, ...responded } = await respond(deps, actor, input.resultId, { type: 'appeal', reason: input.reason, ...(indicatorKey ? { indicatorKey } : {}) });
  return { ...responded, appealId: appealId as number };
}

/** The rep's own result, to show with its appeal form. */
export async function ownResult(deps: AssessmentDeps, actor: Actor, input: { resultId: number }): Promise<Responded> {
  return await resultFor(deps, actor, 'respond', input.resultId);
}
