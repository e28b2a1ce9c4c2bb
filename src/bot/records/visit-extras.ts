import type { FormInput } from '../../domain/card-model.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { t } from '../../i18n/index.js';
import type { Visit } from '../../features/records/stores.js';
import { field } from './display.js';
import type { RecordContext } from './record-context.js';

/**
 * "见了谁" on the visit form: a pick of the customer's contacts (when the customer is known and
 * visible), and a new contact's name and title, created with the visit when filled in.
 */
export async function contactInputs(rc: RecordContext, values: Record<string, string>): Promise<FormInput[]> {
  const l = rc.cmd.locale;
  const customer = values.customer ? await rc.services.customers.findByName(values.customer) : undefined;
  const contacts = customer && canSeeUser(rc.actor.scope, customer.ownerUserId) ? await rc.services.customers.contactsOf(customer.id) : [];
  const picked = values.contact ?? '';
  const pick: FormInput[] =
    contacts.length > 0
      ? [
          {
            name: 'contact',
            label: t(l, 'records.field.contact'),
            kind: 'select',
            value: contacts.some((c) => c.name === picked) ? picked : '',
            options: contacts.map((c) => ({ label: c.title ? `${c.name}（${c.title}）` : c.name, value: c.name })),
          },
        ]
      : [];
  return [
    ...pick,
    { name: 'newContact', label: t(l, 'records.field.newContact'), kind: 'text', value: contacts.some((c) => c.name === picked) ? '' : picked },
    { name: 'contactTitle', label: t(l, 'records.field.newContactTitle'), kind: 'text', value: values.contactTitle ?? '' },
  ];
}

/** The contact met and the colleagues of a joint visit, for the saved card. */
export async function visitExtraFields(rc: RecordContext, v: Visit): Promise<{ label: string; value: string }[]> {
  const l = rc.cmd.locale;
  const contact = v.contactId === null ? undefined : await rc.services.customers.contacts.get(v.contactId);
  const joined = await rc.services.participants.of(v.id);
  return [
    ...(contact ? [field(l, 'records.field.contact', contact.title ? `${contact.name}（${contact.title}）` : contact.name)] : []),
    ...(joined.length > 0 ? [field(l, 'records.field.jointWith', joined.map((p) => p.name).join('、'))] : []),
  ];
}
