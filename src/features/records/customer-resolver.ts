import type { Customer, CustomerRepository } from '../../db/repositories/customer-repository.js';
import { canSeeUser, type DataScope } from '../../domain/org/acting-user.js';
import { nearMatches } from '../../domain/records/near-match.js';

export type CustomerResolution =
  | { kind: 'found'; customer: Customer }
  /** The name is taken by a customer the person may not see: never reveal anything about it (the id is for a joint visit only). */
  | { kind: 'hidden'; customerId: number }
  | { kind: 'near'; candidates: Customer[] }
  | { kind: 'none' };

/**
 * Turns a typed customer name into a customer: exact (name or alias, normalised) first, then near
 * matches among the customers this person may see.
 */
export async function resolveCustomer(customers: CustomerRepository, typed: string, scope: DataScope): Promise<CustomerResolution> {
  const exact = await customers.findByName(typed);
  if (exact) return canSeeUser(scope, exact.ownerUserId) ? { kind: 'found', customer: exact } : { kind: 'hidden', customerId: exact.id };
  const visible = await customers.listInScope(scope);
  const near = nearMatches(typed, visible.map((c) => ({ ...c, names: [c.name, ...c.aliases] })));
  return near.length > 0 ? { kind: 'near', candidates: near } : { kind: 'none' };
}
