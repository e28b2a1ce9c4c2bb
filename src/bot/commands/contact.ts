import { maskPhone, normalisePhone, parseContact, type ContactDraft } from '../../domain/commands/parse-customers.js';
import { t } from '../../domain/messages/index.js';
import { customerName, field, present } from '../records/display.js';
import type { EntrySpec } from '../records/entry-spec.js';
import * as form from '../records/form-fields.js';

/** 联系人: a customer's contact. The phone is stored whole and shown masked everywhere in chat. */
export const contactSpec: EntrySpec<ContactDraft> = {
  name: 'contact',
  words: ['联系人', '/contact', 'contact'],
  summary: 'command.contact.summary',
  examples: ['联系人 华为 李总 采购经理 13812345678'],
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
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'name', label: t(l, 'records.field.contactName'), kind: 'text', required: true, value: values.name ?? '' },
      { name: 'title', label: t(l, 'records.field.contactTitle'), kind: 'text', value: values.title ?? '' },
      // Never pre-fill a phone into a card: cards are chat messages too.
      { name: 'phone', label: t(l, 'records.field.phone'), kind: 'text', ...(values.phone ? { placeholder: maskPhone(values.phone) } : {}) },
    ];
  },
  customerOf: (d) => d.customer,
  isComplete: (d) => d.name !== null,
  save(rc, customer, d) {
    const row = rc.services.customers.contacts.insert(rc.actor, {
      customerId: (customer as NonNullable<typeof customer>).id,
      name: d.name as string,
      title: d.title,
      phone: d.phone,
      createdByUserId: rc.cmd.user.id,
      createdAt: rc.actor.now,
      updatedAt: rc.actor.now,
    });
    return { entity: 'contact', entityId: row.id };
  },
  describe(rc, id) {
    const c = rc.services.customers.contacts.get(id);
    if (!c) return undefined;
    const l = rc.cmd.locale;
    const customer = rc.services.customers.get(c.customerId);
    return {
      repUserId: customer?.ownerUserId ?? -1,
      values: { customer: customerName(rc, c.customerId), name: c.name, title: c.title ?? '', phone: c.phone ?? '' },
      fields: present([
        field(l, 'records.field.customer', customerName(rc, c.customerId)),
        field(l, 'records.field.contactName', c.name),
        c.title !== null && field(l, 'records.field.contactTitle', c.title),
        c.phone !== null && field(l, 'records.field.phone', maskPhone(c.phone)),
      ]),
    };
  },
  update(rc, id, d) {
    // An empty phone in the edit form means "keep the stored one" (it is never shown to re-type).
    rc.services.customers.contacts.update(rc.actor, id, {
      name: d.name as string,
      title: d.title,
      ...(d.phone !== null ? { phone: d.phone } : {}),
      updatedAt: rc.actor.now,
    });
  },
};

