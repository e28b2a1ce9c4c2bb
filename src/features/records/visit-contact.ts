import type { VisitDraft } from '../../domain/commands/parse-visit.js';
import { normaliseName } from '../../domain/records/customer-name.js';
import type { RecordWrite } from './write-context.js';

/**
 * Whom the visit met: the customer's contact with the chosen name, or a new contact (name and title)
 * created with the visit. With no contact chosen, "见了李总" in the notes still links 李总.
 */
export async function visitContactId(w: RecordWrite, customerId: number, d: VisitDraft): Promise<number | null> {
  const contacts = await w.stores.customers.contactsOf(customerId);
  if (!d.contact) return (d.notes ? contacts.find((c) => d.notes?.includes(c.name)) : undefined)?.id ?? null;
  const wanted = normaliseName(d.contact);
  const known = contacts.find((c) => String(c.id) === d.contact || normaliseName(c.name) === wanted);
  if (known) return known.id;
  const created = await w.stores.customers.contacts.insert(w.audit, {
    customerId,
    name: d.contact,
    title: d.contactTitle ?? null,
    phone: null,
    createdByUserId: w.actor.user.id,
    createdAt: w.audit.now,
    updatedAt: w.audit.now,
  });
  return created.id;
}
