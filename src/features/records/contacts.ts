import type { ContactDraft } from '../../domain/commands/parse-customers.js';
import { contactEntry } from '../../domain/records/entries/contact.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerNameOf, saveEntry, updateEntry, type EntryInput, type EntryStore, type EntryUpdate, type SavedEntry } from './entry-writer.js';
import type { Contact } from './stores.js';

const contactStore: EntryStore<ContactDraft, Contact> = {
  parser: contactEntry,
  read: (w, id) => w.stores.customers.contacts.get(id),
  // A contact is the customer owner's.
  ownerOf: async (w, c) => (await w.stores.customers.get(c.customerId))?.ownerUserId ?? -1,
  valuesOf: async (w, c) => contactEntry.toValues({ customer: await customerNameOf(w, c.customerId), name: c.name, title: c.title, phone: c.phone }),
  async insert(w, customer, d) {
    const row = await w.stores.customers.contacts.insert(w.audit, {
      customerId: (customer as NonNullable<typeof customer>).id,
      name: d.name as string,
      title: d.title,
      phone: d.phone,
      createdByUserId: w.actor.user.id,
      createdAt: w.audit.now,
      updatedAt: w.audit.now,
    });
    return { entity: 'contact', entityId: row.id };
  },
  async update(w, id, d) {
    // An empty phone means "keep the stored one" (an edit form never shows it to re-type).
    await w.stores.customers.contacts.update(w.audit, id, { name: d.name as string, title: d.title, ...(d.phone !== null ? { phone: d.phone } : {}), updatedAt: w.audit.now });
  },
};

/** 联系人: a customer's contact; the phone is stored whole (every reply masks it). */
export const saveContact = (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Contact>> => saveEntry(contactStore, deps, actor, input);
export const updateContact = (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Contact> => updateEntry(contactStore, deps, actor, input);
