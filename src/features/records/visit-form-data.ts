import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { getCustomer } from './queries.js';
import { recordStores } from './stores.js';

export interface ContactPick {
  id: number;
  name: string;
  title: string | null;
}

/** The H5 visit form's "见了谁" picker: the contacts of a customer the actor may see. */
export async function visitContactsOf(deps: AppDeps, actor: Actor, customerId: number): Promise<ContactPick[]> {
  const customer = await getCustomer(deps, actor, customerId);
  return (await recordStores(deps).customers.contactsOf(customer.id)).map((c) => ({ id: c.id, name: c.name, title: c.title }));
}
