import type { AssessmentRow } from '../../db/repositories/assessment-repository.js';
import { problem } from '../../domain/problem.js';
import type { Actor } from '../actor.js';
import { fail } from './access.js';
import type { AssessmentDeps } from './deps.js';

/**
 * Finding by name what a card carries by id, for the typed commands (`确认 2026-11`,
 * `通过 华东一组 2026-11`). Only the lookup: the step itself is the same feature a button calls,
 * which checks the actor's rights.
 */

/** The actor's own result in the period. */
export async function ownResultIdOfPeriod(deps: AssessmentDeps, actor: Actor, input: { periodKey: string }): Promise<number> {
  for (const row of await deps.assessments.listByPeriod(input.periodKey)) {
    const mine = (await deps.assessments.resultsOf(row.id)).find((r) => r.userId === actor.user.id);
    if (mine) return mine.id;
  }
  return fail(problem('NOT_FOUND', 'assessment.problem.noResult'));
}

/** The department's assessment in the period, by the department's name as people type it. */
export async function assessmentOfDepartment(deps: AssessmentDeps, _actor: Actor, input: { department: string; periodKey: string }): Promise<AssessmentRow> {
  const row = (await deps.assessments.listByPeriod(input.periodKey)).find((a) => a.departmentName === input.department.trim());
  return row ?? fail(problem('NOT_FOUND', 'assessment.problem.noAssessment'));
}
