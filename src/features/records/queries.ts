import { createDashboardRepository, type CustomerListItem, type DealListItem, type VisitListItem } from '../../db/repositories/dashboard-repository.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import type { DealStage } from '../../domain/records/vocabulary.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { refuse } from './refusals.js';
import { recordStores, type Customer, type Visit } from './stores.js';

/** What the record lists read, always within the actor's scope. */
export interface ListFilter {
  q?: string | undefined;
  salesChannelId?: number | undefined;
}

/** The sales channels a customer may be given, in the admin's order. */
export const listSalesChannels = async (deps: AppDeps): Promise<{ id: number; name: string; }[]> => (await recordStores(deps).salesChannels.list()).map((c) => ({ id: c.id, name: c.name }));

export const listCustomers = async (deps: AppDeps, actor: Actor, filter: ListFilter & { tag?: string | undefined }): Promise<CustomerListItem[]> =>
  createDashboardRepository(deps.db).listCustomers(actor.scope, filter);

export const listVisits = async (deps: AppDeps, actor: Actor, filter: ListFilter): Promise<VisitListItem[]> => createDashboardRepository(deps.db).listVisits(actor.scope, filter);

export const listDeals = async (deps: AppDeps, actor: Actor, filter: ListFilter & { stage?: DealStage | undefined }): Promise<DealListItem[]> =>
  createDashboardRepository(deps.db).listDeals(actor.scope, filter);

/** One customer the actor may see. */
export async function getCustomer(deps: AppDeps, actor: Actor, customerId: number): Promise<Customer> {
  const customer = await recordStores(deps).customers.get(customerId);
  if (!customer) throw refuse('NOT_FOUND', 'records.error.recordGone');
  if (!canSeeUser(actor.scope, customer.ownerUserId)) throw refuse('FORBIDDEN', 'records.error.customerForbidden');
  return customer;
}

/** One visit the actor may see, with its customer's name. */
export async function getVisit(deps: AppDeps, actor: Actor, visitId: number): Promise<Visit&{ customerName: string; }> {
  const stores = recordStores(deps);
  const visit = await stores.records.visits.get(visitId);
  if (!visit) throw refuse('NOT_FOUND', 'records.error.recordGone');
  if (!canSeeUser(actor.scope, visit.repUserId)) throw refuse('FORBIDDEN', 'records.error.recordForbidden');
  return { ...visit, customerName: (await stores.customers.get(visit.customerId))?.name ?? '' };
}
