import { problem } from '../../domain/problem.js';
import { exportAssessmentWorkbook } from './workbook.js';
import type { Actor, SystemActor } from '../actor.js';
import { fail } from './access.js';
import type { AssessmentDeps } from './deps.js';

/** A period's approved results as a workbook, for HR and admins (the admin API acts as the system). */
export async function exportApprovedWorkbook(deps: AssessmentDeps, actor: Actor | SystemActor, input: { periodKey: string }): Promise<{ buffer: Buffer; fileName: string }> {
  if (actor.user && !actor.user.roles.some((role) => role === 'hr' || role === 'admin')) fail(problem('FORBIDDEN', 'assessment.problem.exportForbidden'));
  const { buffer, departments } = await exportAssessmentWorkbook(deps.db, deps.assessments, input.periodKey);
  if (departments === 0) fail(problem('NOT_FOUND', 'assessment.problem.nothingToExport', { period: input.periodKey }));
  return { buffer, fileName: `assessment-${input.periodKey}.xlsx` };
}
