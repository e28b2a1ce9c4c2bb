import { inTransaction } from '../../db/client.js';
import { createCustomerRepository, type Customer } from '../../db/repositories/customer-repository.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { invalid, refuse } from '../records/refusals.js';

export interface ConfidentialOutcome {
  customer: string;
  confidential: boolean;
  /** False when the customer was already so (nothing written, nothing audited). */
  changed: boolean;
}

/**
 * 保密 / 取消保密: marks a customer confidential (team posts such as 喜报 show a masked name) or
 * clears it. An admin, or a manager whose team holds the customer's owner, may; a rep may not, not
 * even for their own customer. Audited as a `customer.update` row. Chat names the customer, the H5
 * form its id: both land here.
 */
export async function setCustomerConfidential(deps: AppDeps, actor: Actor, input: ({ customer: string } | { customerId: number }) & { confidential: boolean }): Promise<ConfidentialOutcome> {
  const customers = createCustomerRepository(deps.db);
  const typed = 'customer' in input ? input.customer.trim() : '';
  if ('customer' in input && !typed) throw invalid('confidential.usage');
  const customer: Customer | undefined = 'customer' in input ? await customers.findByName(typed) : await customers.get(input.customerId);
  if (!customer) throw refuse('NOT_FOUND', 'handover.error.customerUnknown', { name: typed || String('customerId' in input ? input.customerId : '') });
  const roles = actor.user.roles;
  if (!roles.includes('admin')) {
    if (!roles.includes('manager')) throw refuse('FORBIDDEN', 'confidential.error.notManager');
    if (!canSeeUser(actor.scope, customer.ownerUserId)) throw refuse('FORBIDDEN', 'confidential.error.notYourTeam', { customer: customer.name });
  }
  if (customer.confidential === input.confidential) return { customer: customer.name, confidential: input.confidential, changed: false };
  await inTransaction(deps.db, () => customers.update(auditOf(actor), customer.id, { confidential: input.confidential }));
  return { customer: customer.name, confidential: input.confidential, changed: true };
}
