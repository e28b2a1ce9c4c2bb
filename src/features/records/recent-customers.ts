import { createRecentCustomerRepository, type CustomerPick } from '../../db/repositories/recent-customers.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

/** How many customers a picker lists at most: a phone's select stays short. */
const PICKER_SIZE = 30;

/**
 * The customers a rep picks from after a meeting: the last ones they visited (the quick buttons of a
 * bare 拜访), then the rest of their own. A customer since given to someone they cannot see is left out.
 */
export async function customerPicks(deps: AppDeps, actor: Actor, input: { recent: number }): Promise<{ recent: CustomerPick[]; all: CustomerPick[] }> {
  const repo = createRecentCustomerRepository(deps.db);
  const recent = (await repo.lastVisitedBy(actor.user.id, input.recent)).filter((c) => canSeeUser(actor.scope, c.ownerUserId));
  const own = await repo.ownedBy(actor.user.id, PICKER_SIZE);
  const seen = new Set(recent.map((c) => c.id));
  return { recent, all: [...recent, ...own.filter((c) => !seen.has(c.id))].slice(0, PICKER_SIZE) };
}
