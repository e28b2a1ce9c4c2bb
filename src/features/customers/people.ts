import type { ActingUser } from '../../domain/org/acting-user.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../records/refusals.js';

/** An active colleague by name or employee number; refused when none or several match. */
export async function activeColleague(deps: AppDeps, typed: string): Promise<ActingUser> {
  const name = typed.trim();
  const found = (await deps.org.listUsers({ activeOnly: true })).filter((u) => u.name === name || u.employeeNo.toLowerCase() === name.toLowerCase());
  if (found.length === 0) throw refuse('NOT_FOUND', 'handover.error.personUnknown', { name });
  if (found.length > 1) throw refuse('CONFLICT', 'handover.error.personAmbiguous', { name });
  return found[0] as ActingUser;
}

/**
 * Who may move customers between reps: an admin, or a manager whose team holds both the customer's
 * owner and the new one. A rep (even moving their own customer) is refused.
 */
export function assertMayReassign(actor: Actor, fromUserId: number, toUserId: number, names: { customer: string; to: string }): void {
  const roles = actor.user.roles;
  if (roles.includes('admin')) return;
  if (!roles.includes('manager')) throw refuse('FORBIDDEN', 'handover.error.notManager');
  if (!canSeeUser(actor.scope, fromUserId) || !canSeeUser(actor.scope, toUserId)) throw refuse('FORBIDDEN', 'handover.error.notYourTeam', names);
}
