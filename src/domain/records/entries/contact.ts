import { normalisePhone, parseContact, type ContactDraft } from '../../commands/parse-customers.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

/** 联系人: a customer's contact; the phone is normalised (and stored whole). */
export const contactEntry: EntryParser<ContactDraft> = {
  kind: 'contact',
  needsCustomer: true,
  parseText: (rest) => parseContact(rest),
  toValues: (d) => ({ customer: d.customer ?? '', name: d.name ?? '', title: d.title ?? '', phone: d.phone ?? '' }),
  fromValues(values) {
    const phoneText = form.text(values, 'phone');
    const phone = phoneText === null ? null : normalisePhone(phoneText);
    if (phone && !phone.ok) return phone;
    return {
      ok: true,
      value: { customer: form.text(values, 'customer'), name: form.text(values, 'name'), title: form.text(values, 'title'), phone: phone ? phone.value : null },
    };
  },
  customerOf: (d) => d.customer,
  missing: (d) => (d.name === null ? ['records.field.contactName'] : []),
};
