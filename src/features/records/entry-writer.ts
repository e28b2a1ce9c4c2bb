import { inTransaction } from '../../db/client.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import type { EntryParser } from '../../domain/records/entries/entry-parser.js';
import type { RecordSource } from '../../domain/records/vocabulary.js';
import { recordEntry, type WrittenRecord } from './entry-journal.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { createCustomerWithEntry, visibleCustomer } from './customers.js';
import { auditCorrection, checkBackdate } from './backdate-guard.js';
import { invalid, parsedOrThrow, refuse } from './refusals.js';
import type { Customer, RecordEntry } from './stores.js';
import { recordWrite, type RecordWrite } from './write-context.js';

/** The customer an entry belongs to: one the actor may see, or a new one created with the entry. */
export type CustomerChoice = { id: number } | { create: Record<string, string> };

export interface EntryInput {
  /** Required for entries that belong to a customer. */
  customer?: CustomerChoice;
  /** The form values (the names of the form inputs), validated here with the domain's rules. */
  values: Record<string, string>;
  /** How the entry was made: typed in chat, a chat card, the H5 app. Stored with the record. */
  source: RecordSource;
  /** The form's submission token: the same form submitted twice stores one record. */
  token?: string | null;
}

export interface EntryUpdate {
  /** The stored record's id (a visit's, a deal's...). */
  id: number;
  /** The changed form values; a field left out keeps its stored value, an empty one clears it. */
  values: Record<string, string>;
}

export interface SavedEntry<Row> {
  entry: RecordEntry;
  /** The token had been used: nothing new was stored, the first entry is returned. */
  duplicate: boolean;
  /** The stored record (undefined when a duplicate's record was undone since). */
  record: Row | undefined;
}

/** How one kind of entry is stored, read back and edited. */
export interface EntryStore<D, Row> {
  parser: EntryParser<D>;
  read(w: RecordWrite, id: number): Promise<Row | undefined>;
  /** Whose record it is: an edit is for those whose scope includes this user. */
  ownerOf(w: RecordWrite, row: Row): Promise<number> | number;
  /** The stored record as form values (what an edit that leaves a field out keeps). */
  valuesOf(w: RecordWrite, row: Row): Promise<Record<string, string>>;
  /** The existing customer an entry is for, when the kind has its own rule (a joint visit); else visibleCustomer. */
  customerFor?(w: RecordWrite, customerId: number, draft: D): Promise<Customer>;
  /** Inside the journal's transaction; may throw a Problem. */
  insert(w: RecordWrite, customer: Customer | null, draft: D, source: RecordSource): Promise<WrittenRecord>;
  /** Inside a transaction. */
  update(w: RecordWrite, id: number, draft: D): Promise<void>;
}

function validDraft<D>(parser: EntryParser<D>, w: RecordWrite, values: Record<string, string>): D {
  const draft = parsedOrThrow(parser.fromValues(values, w.parse));
  const [missing] = parser.missing(draft);
  if (missing) throw invalid('records.error.requiredMissing', { fields: missing });
  return draft;
}

/**
 * Validates and stores one entry with its journal row and audit rows, in one transaction, once per
 * submission token. The customer is checked against the actor's scope (or created) in the same
 * transaction.
 */
export async function saveEntry<D, Row>(store: EntryStore<D, Row>, deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Row>> {
  const w = recordWrite(deps, actor);
  const draft = validDraft(store.parser, w, input.values);
  const choice = input.customer;
  if (store.parser.needsCustomer && !choice) throw invalid('records.error.customerMissing');
  const correction = await checkBackdate(w, store.parser.recordDate?.(draft), input.values);
  const { entry, duplicate } = await recordEntry(w.stores, w.audit, { kind: store.parser.kind, token: input.token ?? null }, async () => {
    const customer = !store.parser.needsCustomer || !choice ? null : 'id' in choice ? await (store.customerFor ?? ((ww, id) => visibleCustomer(ww, id)))(w, choice.id, draft) : await createCustomerWithEntry(w, choice.create, input.source);
    const written = await store.insert(w, customer, draft, input.source);
    if (correction) await auditCorrection(w, correction, written.entity, written.entityId);
    return written;
  });
  return { entry, duplicate, record: await store.read(w, entry.entityId) };
}

/** Changes a stored entry the actor may see, re-validated with the same rules as a new one; audited. */
export async function updateEntry<D, Row>(store: EntryStore<D, Row>, deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Row> {
  const w = recordWrite(deps, actor);
  const row = await store.read(w, input.id);
  if (!row) throw refuse('NOT_FOUND', 'records.error.recordGone');
  if (!canSeeUser(actor.scope, await store.ownerOf(w, row))) throw refuse('FORBIDDEN', 'records.error.recordForbidden');
  const current = await store.valuesOf(w, row);
  // The customer of a stored record does not change through an edit.
  const draft = validDraft(store.parser, w, { ...current, ...input.values, customer: current.customer ?? '' });
  // Only a changed date is checked: fixing the notes of last month's visit is not back-dating.
  const date = store.parser.recordDate?.(draft);
  const stored = store.parser.fromValues(current, w.parse);
  const unchanged = stored.ok && store.parser.recordDate?.(stored.value) === date;
  const correction = unchanged ? null : await checkBackdate(w, date, input.values);
  await inTransaction(deps.db, async () => {
    await store.update(w, input.id, draft);
    if (correction) await auditCorrection(w, correction, store.parser.kind, input.id);
  });
  return (await store.read(w, input.id)) ?? row;
}

/** A customer's name for form values, '#id' when it is gone. */
export const customerNameOf = async (w: RecordWrite, customerId: number): Promise<string> => (await w.stores.customers.get(customerId))?.name ?? `#${customerId}`;
