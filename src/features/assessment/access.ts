import { inTransaction as inDbTransaction } from '../../db/client.js';
import type { AuditActor } from '../../db/repositories/assessment-audit.js';
import type { AppealRow, AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import { permissionProblem, type Actor as RuleActor, type AssessmentDoing, type PermissionFacts } from '../../domain/assessment/permissions.js';
import { problem, ProblemError, type Problem } from '../../domain/problem.js';
import type { Actor, SystemActor } from '../actor.js';
import type { AssessmentDeps } from './deps.js';

/** The actor as the assessment rules see them. */
export const ruleActor = (actor: Actor): RuleActor => ({ userId: actor.user.id, roles: actor.user.roles });

/** The audit columns of whoever acts (the system has no user). */
export const auditActor = (actor: Actor | SystemActor): AuditActor => ({ userId: actor.user?.id ?? null, source: actor.source, now: actor.now });

export function fail(value: Problem): never {
  throw new ProblemError(value);
}

/**
 * The one permission check of an action, for every door. Asked first without the facts (could this
 * person ever do it?), so a refused caller learns nothing about the assessment, not even that it
 * exists; then on the assessment's facts.
 */
export function authorize(doing: AssessmentDoing, actor: Actor, facts?: PermissionFacts): void {
  const refused = permissionProblem(doing, ruleActor(actor), facts);
  if (refused) fail(refused);
}

/** The facts of a decision on it: nobody decides on their own result; an admin only when no HR user can. */
export async function decideFacts(deps: AssessmentDeps, row: AssessmentRow): Promise<PermissionFacts> {
  const deciders = await deps.assessments.deciders(row.id);
  return { managerUserId: row.managerUserId, assessedUserIds: deciders.assessedUserIds, hrCanDecide: deciders.by === 'hr' };
}

/** The assessment, if the actor may do this to it. */
export async function assessmentFor(deps: AssessmentDeps, actor: Actor, doing: AssessmentDoing, assessmentId: number): Promise<AssessmentRow> {
  authorize(doing, actor);
  const row = await deps.assessments.get(assessmentId);
  if (!row) fail(problem('NOT_FOUND', 'assessment.problem.noAssessment'));
  authorize(doing, actor, doing === 'decide' ? await decideFacts(deps, row) : row);
  return row;
}

/** A rep's result and its assessment, if the actor may do this to it. */
export async function resultFor(deps: AssessmentDeps, actor: Actor, doing: 'respond' | 'resolve', resultId: number): Promise<{ result: ResultRow; assessment: AssessmentRow }> {
  authorize(doing, actor);
  const result = await deps.assessments.result(resultId);
  const assessment = result ? await deps.assessments.get(result.assessmentId) : undefined;
  if (!result || !assessment) fail(problem('NOT_FOUND', 'assessment.problem.noResult'));
  authorize(doing, actor, { managerUserId: assessment.managerUserId, repUserId: result.userId });
  return { result, assessment };
}

/** An appeal with its result and assessment, if the actor may resolve it. */
export async function appealFor(deps: AssessmentDeps, actor: Actor, appealId: number): Promise<{ appeal: AppealRow; result: ResultRow; assessment: AssessmentRow }> {
  authorize('resolve', actor);
  const appeal = await deps.assessments.appeal(appealId);
  if (!appeal) fail(problem('NOT_FOUND', 'assessment.problem.noAppeal'));
  return { appeal, ...(await resultFor(deps, actor, 'resolve', appeal.resultId)) };
}

/** One transaction for a decision and the sends it queues: a crash leaves both or neither. */
export function inTransaction<T>(deps: AssessmentDeps, work: () => Promise<T> | T): Promise<T> {
  return inDbTransaction(deps.db, work);
}
