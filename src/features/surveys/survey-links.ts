import { inTransaction } from '../../db/client.js';
import { createSurveyLinkRepository } from '../../db/repositories/survey-link-repository.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { resolveCustomer } from '../records/customer-resolver.js';
import { invalid, refuse } from '../records/refusals.js';
import { recordStores, type Customer } from '../records/stores.js';
import { newSurveyLinkId, signSurveyToken, surveyUrl } from './survey-token.js';

/** How long a customer has to answer (issue 17). */
export const SURVEY_LINK_DAYS = 14;
const DAY_MS = 86_400_000;

export interface SurveyLinkMade {
  url: string;
  customer: Customer;
  contact: string | null;
  expiresAt: number;
}

/**
 * 满意度调查 华为 李总 (or the button after a won deal): a signed one-answer link to the public
 * survey page, valid SURVEY_LINK_DAYS. The answer counts for the customer's owner.
 */
export async function createSurveyLink(deps: AppDeps, actor: Actor, input: { customer: string | number; contact?: string | null }): Promise<SurveyLinkMade> {
  const stores = recordStores(deps);
  const customer = await findCustomer(stores, actor, input.customer);
  const contact = input.contact?.trim() ? input.contact.trim().slice(0, 50) : null;
  const id = newSurveyLinkId();
  const expiresAt = actor.now + SURVEY_LINK_DAYS * DAY_MS;
  await inTransaction(deps.db, () =>
    createSurveyLinkRepository(deps.db).insert(auditOf(actor), { id, customerId: customer.id, contactName: contact, repUserId: customer.ownerUserId, createdAt: actor.now, expiresAt }),
  );
  return { url: surveyUrl(deps.config.publicBaseUrl, signSurveyToken(deps.config, id)), customer, contact, expiresAt };
}

async function findCustomer(stores: ReturnType<typeof recordStores>, actor: Actor, ref: string | number): Promise<Customer> {
  if (typeof ref === 'number') {
    const customer = await stores.customers.get(ref);
    // Someone else's customer answers like a missing one.
    if (!customer || !canSeeUser(actor.scope, customer.ownerUserId)) throw refuse('NOT_FOUND', 'survey.error.customerUnknown', { name: `#${ref}` });
    return customer;
  }
  const name = ref.trim();
  if (!name) throw invalid('survey.error.customerRequired');
  const found = await resolveCustomer(stores.customers, name, actor.scope);
  if (found.kind === 'found') return found.customer;
  if (found.kind === 'hidden') throw refuse('FORBIDDEN', 'records.error.customerHidden', { name });
  throw refuse('NOT_FOUND', 'survey.error.customerUnknown', { name });
}
