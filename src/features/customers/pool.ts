import { inTransaction } from '../../db/client.js';
import { createCustomerOwnerRepository } from '../../db/repositories/customer-owner-repository.js';
import { createCustomerRepository } from '../../db/repositories/customer-repository.js';
import { poolCutoff } from '../../domain/customers/ownership.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../records/refusals.js';

/**
 * The pool (公海): customers nobody worked for POOL_AFTER_DAYS go back to their owner's department,
 * where any of its reps may claim them, up to POOL_CLAIM_LIMIT customers held from claims.
 */
export async function returnIdleCustomersToPool(deps: AppDeps, now: number): Promise<{ returned: number }> {
  const cutoff = poolCutoff(now, deps.config.pool.afterDays);
  if (cutoff === null) return { returned: 0 };
  const owners = createCustomerOwnerRepository(deps.db);
  const idle = await owners.idleSince(cutoff);
  await inTransaction(deps.db, async () => {
    for (const customer of idle) await owners.transfer({ userId: null, source: 'job', now }, customer.id, { poolDepartmentId: customer.departmentId }, 'pool');
  });
  return { returned: idle.length };
}

export interface ClaimOutcome {
  customer: string;
  claims: number;
  limit: number;
}

/** 认领 华为: a rep of the pool's department takes the customer, under the per-rep claim limit. */
export async function claimCustomer(deps: AppDeps, actor: Actor, input: { customer: string }): Promise<ClaimOutcome> {
  const name = input.customer.trim();
  const customer = await createCustomerRepository(deps.db).findByName(name);
  const owners = createCustomerOwnerRepository(deps.db);
  const owned = customer ? await owners.get(customer.id) : undefined;
  if (!customer || !owned) throw refuse('NOT_FOUND', 'handover.error.customerUnknown', { name });
  if (owned.poolDepartmentId === null) {
    // Someone else's customer is not named to a person who may not see it.
    if (!canSeeUser(actor.scope, owned.ownerUserId)) throw refuse('NOT_FOUND', 'handover.error.customerUnknown', { name });
    throw refuse('CONFLICT', 'pool.error.notInPool', { customer: customer.name });
  }
  if (!actor.user.roles.includes('rep')) throw refuse('FORBIDDEN', 'pool.error.notRep');
  if (actor.user.departmentId !== owned.poolDepartmentId) throw refuse('FORBIDDEN', 'pool.error.otherDepartment', { customer: customer.name });
  const limit = deps.config.pool.claimLimit;
  return inTransaction(deps.db, async () => {
    const held = await owners.openClaims(actor.user.id);
    if (held >= limit) throw refuse('CONFLICT', 'pool.error.limit', { count: held, limit });
    await owners.transfer(auditOf(actor), customer.id, { ownerUserId: actor.user.id }, 'claim');
    return { customer: customer.name, claims: held + 1, limit };
  });
}
