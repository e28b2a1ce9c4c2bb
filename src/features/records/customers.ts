import { inTransaction } from '../../db/client.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { customerFromValues, type CustomerValues } from '../../domain/records/entries/customer.js';
import { normaliseName } from '../../domain/records/customer-name.js';
import { text } from '../../domain/records/entries/form-values.js';
import type { RecordSource } from '../../domain/records/vocabulary.js';
import { recordEntry } from './entry-journal.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { invalid, refuse } from './refusals.js';
import type { Customer, RecordEntry, RecordStores } from './stores.js';
import { recordWrite, type RecordWrite } from './write-context.js';

/** A channel from a select value (its id) or a typed word (直销, 代理...); null when none was given. */
export async function salesChannelIdFrom(stores: RecordStores, raw: string | null): Promise<number|null> {
  if (raw === null) return null;
  const byId = /^\d+$/.test(raw) ? await stores.salesChannels.get(Number(raw)) : undefined;
  const salesChannel = byId ?? (await stores.salesChannels.findByWord(raw));
  if (!salesChannel) throw invalid('records.error.channelUnknown', { input: raw, options: (await stores.salesChannels.list()).map((c) => c.name).join('、') });
  return salesChannel.id;
}

/** A customer the actor may act on; another team's answers like a missing one. */
export async function visibleCustomer(w: RecordWrite, customerId: number): Promise<Customer> {
  const customer = await w.stores.customers.get(customerId);
  if (!customer || !canSeeUser(w.actor.scope, customer.ownerUserId)) throw refuse('NOT_FOUND', 'records.error.customerForbidden');
  return customer;
}

/**
 * The customer of an entry made together with it (inside the caller's transaction), owned by the
 * actor, with its own journal row so undo can remove it. If the name was taken meanwhile, the
 * existing customer is used when the actor may see it.
 */
export async function createCustomerWithEntry(w: RecordWrite, values: Record<string, string>, source: RecordSource): Promise<Customer> {
  const draft = customerFromValues(values);
  const name = nameOf(draft);
  const existing = await w.stores.customers.findByName(name);
  if (existing) {
    if (!canSeeUser(w.actor.scope, existing.ownerUserId)) throw refuse('FORBIDDEN', 'records.error.customerHidden', { name });
    return existing;
  }
  const customer = await insertCustomer(w, name, draft, source);
  await w.stores.entries.insert({ userId: w.audit.userId, kind: 'customer', entity: 'customer', entityId: customer.id, submissionToken: null, source: w.audit.source, createdAt: w.audit.now });
  return customer;
}

/** The customer's name, refused when empty or nothing but a company suffix (有限公司). */
function nameOf(draft: CustomerValues): string {
  if (draft.name === null || !normaliseName(draft.name)) throw invalid('records.error.customerMissing');
  return draft.name;
}

async function insertCustomer(w: RecordWrite, name: string, draft: CustomerValues, source: RecordSource): Promise<Customer> {
  const salesChannelId = await salesChannelIdFrom(w.stores, draft.salesChannel);
  if (salesChannelId === null) throw invalid('records.error.channelRequired');
  return w.stores.customers.create(w.audit, { name, aliases: draft.aliases, salesChannelId, region: draft.region, industry: draft.industry, ownerUserId: w.actor.user.id, source });
}

export interface CreateCustomerInput {
  /** name, channel (an id or a word), region, industry, aliases ("a, b、c"). */
  values: Record<string, string>;
  source: RecordSource;
  /** The form's submission token: a second submit stores nothing. */
  token?: string | null;
}

/**
 * A new customer owned by the actor, journaled (undo removes it) and audited. A name (or alias)
 * already taken is refused: the actor is told which customer it is when they may see it.
 */
export async function createCustomer(deps: AppDeps, actor: Actor, input: CreateCustomerInput): Promise<{ customer: Customer | undefined; entry: RecordEntry; duplicate: boolean }> {
  const w = recordWrite(deps, actor);
  const draft = customerFromValues(input.values);
  const name = nameOf(draft);
  const { entry, duplicate } = await recordEntry(w.stores, w.audit, { kind: 'customer', token: input.token ?? null }, async () => {
    const existing = await w.stores.customers.findByName(name);
    if (existing && canSeeUser(actor.scope, existing.ownerUserId)) throw refuse('CONFLICT', 'records.customer.exists', { name, existing: existing.name });
    if (existing) throw refuse('CONFLICT', 'records.error.customerHidden', { name });
    return { entity: 'customer', entityId: (await insertCustomer(w, name, draft, input.source)).id };
  });
  // A duplicate submit of a creation undone since finds no customer.
  return { customer: await w.stores.customers.get(entry.entityId), entry, duplicate };
}

export interface UpdateCustomerInput {
  customerId: number;
  /** channel, region, industry: a field left out keeps its value; an empty one clears it (a channel is required). */
  values: Partial<Record<'salesChannel' | 'region' | 'industry', string>>;
}

/** Channel, region and industry of a customer the actor may see; the name and owner stay. */
export async function updateCustomer(deps: AppDeps, actor: Actor, input: UpdateCustomerInput): Promise<Customer> {
  const w = recordWrite(deps, actor);
  const customer = await w.stores.customers.get(input.customerId);
  if (!customer) throw refuse('NOT_FOUND', 'records.error.customerForbidden');
  if (!canSeeUser(actor.scope, customer.ownerUserId)) throw refuse('FORBIDDEN', 'records.error.customerForbidden');
  const values = input.values as Record<string, string>;
  const salesChannelId = 'salesChannel' in values ? await salesChannelIdFrom(w.stores, text(values, 'salesChannel')) : undefined;
  if (salesChannelId === null) throw invalid('records.error.channelRequired');
  const patch = {
    ...(salesChannelId !== undefined ? { salesChannelId } : {}),
    ...('region' in values ? { region: text(values, 'region') } : {}),
    ...('industry' in values ? { industry: text(values, 'industry') } : {}),
  };
  return (await inTransaction(deps.db, () => w.stores.customers.update(w.audit, customer.id, patch))) ?? customer;
}

/** Adds aliases to a customer the actor may see; an alias naming another customer is left out. */
export async function addCustomerAliases(deps: AppDeps, actor: Actor, input: { customerId: number; aliases: string[] }): Promise<{ added: string[]; taken: string[] }> {
  const w = recordWrite(deps, actor);
  const customer = await visibleCustomer(w, input.customerId);
  return inTransaction(deps.db, async () => {
    const added: string[] = [];
    const taken: string[] = [];
    for (const alias of input.aliases) {
      if (await w.stores.customers.addAlias(w.audit, customer.id, alias)) added.push(alias);
      else if (!customer.aliases.includes(alias)) taken.push(alias);
    }
    return { added, taken };
  });
}
