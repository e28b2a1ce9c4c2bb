import { inTransaction } from '../../db/client.js';
import { createCustomerOwnerRepository } from '../../db/repositories/customer-owner-repository.js';
import { createCustomerRepository } from '../../db/repositories/customer-repository.js';
import { createOpenNextStepQueries } from '../../db/repositories/open-next-steps.js';
import { businessDateOf } from '../../domain/period.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../records/refusals.js';
import { notifyUser } from './notify.js';
import { activeColleague, assertMayReassign } from './people.js';

export interface HandoverOutcome {
  customer: string;
  from: string;
  to: string;
  deals: number;
  nextSteps: number;
}

/**
 * 转交 华为 给 李四: a manager (of both reps) or an admin gives a customer to another rep. Open deals
 * move along; won/lost deals, visits and payments keep their rep, and the KPI engine credits new
 * customers to the owner at the time (customer_owners), so last month's numbers do not move. Both
 * reps are told through the outbox; the audit log gets a `customer.handover` row.
 */
export async function handOverCustomer(deps: AppDeps, actor: Actor, input: { customer: string; to: string }): Promise<HandoverOutcome> {
  const customer = await createCustomerRepository(deps.db).findByName(input.customer);
  if (!customer) throw refuse('NOT_FOUND', 'handover.error.customerUnknown', { name: input.customer.trim() });
  const to = await activeColleague(deps, input.to);
  assertMayReassign(actor, customer.ownerUserId, to.id, { customer: customer.name, to: to.name });
  const owners = createCustomerOwnerRepository(deps.db);
  const current = await owners.get(customer.id);
  if (current && current.ownerUserId === to.id && current.poolDepartmentId === null) throw refuse('CONFLICT', 'handover.error.sameOwner', { customer: customer.name, to: to.name });
  const from = (await deps.org.getUser(customer.ownerUserId))?.name ?? '—';

  return inTransaction(deps.db, async () => {
    const moved = await owners.transfer(auditOf(actor), customer.id, { ownerUserId: to.id }, 'handover');
    const today = businessDateOf(actor.now, deps.config.timezone);
    const nextSteps = await createOpenNextStepQueries(deps.db).countForCustomer(customer.id, today);
    const params = { customer: customer.name, from, to: to.name, by: actor.user.name, deals: moved.length, steps: nextSteps };
    const key = `handover:${customer.id}:${actor.now}`;
    await notifyUser(deps, to.id, `${key}:to`, { title: 'handover.notice.toTitle', body: 'handover.notice.toText', params });
    if (customer.ownerUserId !== to.id) await notifyUser(deps, customer.ownerUserId, `${key}:from`, { title: 'handover.notice.fromTitle', body: 'handover.notice.fromText', params });
    return { customer: customer.name, from, to: to.name, deals: moved.length, nextSteps };
  });
}
