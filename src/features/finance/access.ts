import { problem, ProblemError } from '../../domain/problem.js';
import type { Actor, SystemActor } from '../actor.js';

/** Finance and admins import receipts and review matches; the admin API and the CLI act as the system. */
export function requireFinance(actor: Actor | SystemActor): void {
  if (actor.user === null || actor.user.roles.some((r) => r === 'finance' || r === 'admin')) return;
  throw new ProblemError(problem('FORBIDDEN', 'finance.problem.forbidden'));
}

export const financeAudit = (actor: Actor | SystemActor) => ({ userId: actor.user?.id ?? null, source: actor.source, now: actor.now });
