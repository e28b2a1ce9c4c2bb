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
 *   adjust   / submit   the department's review (its manager; HR or an admin only where it has no
 *            manager: a leaderless department, or a top leader's own result)
 *   decide   approve or reject a submitted review (HR not in it; an admin not in it when every HR
 *            user is in it)
 *   respond  acknowledge or appeal one's own result (the rep)
 *   resolve  an appeal (HR, or the rep's manager)
 */
export type AssessmentDoing = 'read' | 'adjust' | 'submit' | 'decide' | 'respond' | 'resolve';

/** The facts a permission depends on: whose department it is, and whose result. */
export interface PermissionFacts {
  managerUserId: number | null;
  /** For respond: the rep whose result it is. */
  repUserId?: number;
  /** For decide: the users whose results the assessment holds. Nobody decides on their own result. */
  assessedUserIds?: readonly number[];
  /** For decide: some active HR user is not in the assessment. Only when none is does an admin decide. */
  hrCanDecide?: boolean;
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
const inAssessment = (actor: Actor, facts: PermissionFacts) => facts.assessedUserIds?.includes(actor.userId) ?? false;

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
      // A department with a leader is reviewed by that leader. Without one (or when the leader's own
      // result is in it, having no level up) HR reviews, or an admin; never someone whose result is in it.
      return ((has(actor, 'hr') || has(actor, 'admin')) && (facts === undefined || (facts.managerUserId === null && !inAssessment(actor, facts)))) || managerOfIt;
    case 'decide':
      if (facts === undefined) return has(actor, 'hr') || has(actor, 'admin');
      if (inAssessment(actor, facts)) return false;
      return has(actor, 'hr') || (has(actor, 'admin') && facts.hrCanDecide === false);
    case 'respond':
      return facts === undefined || facts.repUserId === actor.userId;
    case 'resolve':
      return has(actor, 'hr') || managerOfIt;
  }
}

/** The refusal of `mayDo`, or null when allowed. */
export function permissionProblem(doing: AssessmentDoing, actor: Actor, facts?: PermissionFacts): Problem | null {
  if (mayDo(doing, actor, facts)) return null;
  const own = doing === 'decide' && facts !== undefined && inAssessment(actor, facts);
  return problem('FORBIDDEN', own ? 'assessment.problem.ownAssessment' : FORBIDDEN_KEY[doing]);
}

/** Who decides on an assessment, and why: the card's recipients and its note. */
export interface Deciders {
  userIds: number[];
  /** 'hr' as usual; 'admin' when every HR user is in the assessment (or there is none). */
  by: 'hr' | 'admin';
  /** HR users left out because their own result is in the assessment. */
  recusedHrUserIds: number[];
}

/**
 * The people who decide: the active HR users not in the assessment, else the active admins not in
 * it. The same rule as `mayDo('decide')` with `hrCanDecide` set from the same lists.
 */
export function decidersOf(assessedUserIds: readonly number[], hrUserIds: readonly number[], adminUserIds: readonly number[]): Deciders {
  const outside = (ids: readonly number[]) => ids.filter((id) => !assessedUserIds.includes(id));
  const hr = outside(hrUserIds);
  const recusedHrUserIds = hrUserIds.filter((id) => assessedUserIds.includes(id));
  return hr.length > 0 ? { userIds: hr, by: 'hr', recusedHrUserIds } : { userIds: outside(adminUserIds), by: 'admin', recusedHrUserIds };
}
