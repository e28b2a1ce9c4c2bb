import { maskPhone, type ContactDraft } from '../../domain/commands/parse-customers.js';
import { t } from '../../i18n/index.js';
import { contactEntry } from '../../domain/records/entries/contact.js';
import { saveContact, updateContact } from '../../features/records/contacts.js';
import { customerName, field, present } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';

/** 联系人: a customer's contact. The phone is stored whole and shown masked everywhere in chat. */
export const contactForm: EntryForm<ContactDraft> = {
  parser: contactEntry,
  words: ['联系人', '/contact', 'contact'],
  summary: 'command.contact.summary',
  examples: ['联系人 华为 李总 采购经理 13812345678'],
  examplesEn: ['contact Huawei Li purchasing 13812345678'],
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
  async describe(rc, id) {
    const c = await rc.services.customers.contacts.get(id);
    if (!c) return undefined;
    const l = rc.cmd.locale;
    const customer = await rc.services.customers.get(c.customerId);
    return {
      repUserId: customer?.ownerUserId ?? -1,
      values: { customer: await customerName(rc, c.customerId), name: c.name, title: c.title ?? '', phone: c.phone ?? '' },
      fields: present([
        field(l, 'records.field.customer', await customerName(rc,c.customerId)),
        field(l, 'records.field.contactName', c.name),
        c.title !== null && field(l, 'records.field.contactTitle', c.title),
        c.phone !== null && field(l, 'records.field.phone', maskPhone(c.phone)),
      ]),
    };
  },
  save: saveContact,
  update: updateContact,
};
