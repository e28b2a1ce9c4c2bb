import { problem, type Problem } from '../problem.js';
import type { Role } from '../org/roles.js';

/** Who acts on an assessment, as the rules see them. */
export interface Actor {
  userId: number;
  roles: readonly Role[];
}

/**
 * What someone does in the assessment cycle, for the permission check:
 *   read     see an assessment (its page, its appeals)
 *   adjust   / submit   the department's review (its manager; an admin stands in)
 *   decide   approve or reject a submitted review (HR)
 *   respond  acknowledge or appeal one's own result (the rep)
 *   resolve  an appeal (HR, or the rep's manager)
 */
export type AssessmentDoing = 'read' | 'adjust' | 'submit' | 'decide' | 'respond' | 'resolve';

/** The facts a permission depends on: whose department it is, and whose result. */
export interface PermissionFacts {
  managerUserId: number | null;
  /** For respond: the rep whose result it is. */
  repUserId?: number;
}

const FORBIDDEN_KEY: Record<AssessmentDoing, string> = {
  read: 'assessment.problem.readForbidden',
  adjust: 'assessment.problem.adjustForbidden',
  submit: 'assessment.problem.submitForbidden',
  decide: 'assessment.problem.decideForbidden',
  respond: 'assessment.problem.respondForbidden',
  resolve: 'assessment.problem.resolveForbidden',
};

const has = (actor: Actor, role: Role) => actor.roles.includes(role);

/**
 * May `actor` do this? With `facts` undefined: could they do it to any assessment at all (asked
 * before the assessment is looked up, so a refused caller learns nothing about it, not even that it
 * exists). The one permission rule of each action: the state machine and every door use it.
 */
export function mayDo(doing: AssessmentDoing, actor: Actor, facts?: PermissionFacts): boolean {
  const managerOfIt = has(actor, 'manager') && (facts === undefined || facts.managerUserId === actor.userId);
  switch (doing) {
    case 'read':
      return has(actor, 'hr') || has(actor, 'admin') || managerOfIt;
    case 'adjust':
    case 'submit':
      return has(actor, 'admin') || managerOfIt;
    case 'decide':
      return has(actor, 'hr');
    case 'respond':
      return facts === undefined || facts.repUserId === actor.userId;
    case 'resolve':
      return has(actor, 'hr') || managerOfIt;
  }
}

/** The refusal of `mayDo`, or null when allowed. */
export function permissionProblem(doing: AssessmentDoing, actor: Actor, facts?: PermissionFacts): Problem | null {
  return mayDo(doing, actor, facts) ? null : problem('FORBIDDEN', FORBIDDEN_KEY[doing]);
}
