import { canSeeUser } from '../../domain/org/acting-user.js';
import { refuse } from './refusals.js';
import type { Customer } from './stores.js';
import type { RecordWrite } from './write-context.js';

/**
 * Who may log a joint visit (协访): any active colleague of the customer's owner. The app serves one
 * company, so "same company" is everyone in its org; departments do not limit it, because reps of
 * different teams visit together (a key account with a product specialist). The visit stays the
 * owner's (its rep column) and the colleague is stored as a participant, so both count it. A visit
 * not marked joint on a customer outside the actor's scope is refused as before.
 */
export async function jointVisitCustomer(w: RecordWrite, customerId: number): Promise<Customer> {
  const customer = await w.stores.customers.get(customerId);
  if (!customer) throw refuse('NOT_FOUND', 'records.error.customerForbidden');
  const owner = await w.deps.org.getUser(customer.ownerUserId);
  if (!owner?.active) throw refuse('FORBIDDEN', 'records.error.jointOwnerInactive', { name: customer.name });
  return customer;
}

/** The rep a visit is stored under and the colleague who joined it, if any. */
export function visitPeople(w: RecordWrite, customer: Customer, joint: boolean): { repUserId: number; participantId: number | null } {
  const me = w.actor.user.id;
  if (!joint || customer.ownerUserId === me) return { repUserId: me, participantId: null };
  return { repUserId: customer.ownerUserId, participantId: me };
}

/** Whether an entry's customer is one the actor reaches only through a joint visit. */
export const needsJoint = (w: RecordWrite, customer: Customer): boolean => !canSeeUser(w.actor.scope, customer.ownerUserId);
