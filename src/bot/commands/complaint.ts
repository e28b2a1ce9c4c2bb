import { parseComplaint, type ComplaintDraft } from '../../domain/commands/parse-feedback.js';
import { t } from '../../domain/messages/index.js';
import { customerName } from '../records/display.js';
import { complaintFields } from './complaint-status.js';
import type { EntrySpec } from '../records/entry-spec.js';
import * as form from '../records/form-fields.js';

/** 投诉: a customer complaint, received now; response and closing times are set later. */
export const complaintSpec: EntrySpec<ComplaintDraft> = {
  name: 'complaint',
  words: ['投诉', '/complaint', 'complaint'],
  summary: 'command.complaint.summary',
  examples: ['投诉 华为 发货延迟两周'],
  needsCustomer: true,
  parseText: (rest) => parseComplaint(rest),
  toValues: (d) => ({ customer: d.customer ?? '', content: d.content ?? '' }),
  fromValues(values) {
    const content = form.note(values, 'content', 'records.field.content');
    if (!content.ok) return content;
    return { ok: true, value: { customer: form.text(values, 'customer'), content: content.value } };
  },
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'content', label: t(l, 'records.field.content'), kind: 'textarea', required: true, value: values.content ?? '' },
    ];
  },
  customerOf: (d) => d.customer,
  isComplete: (d) => d.content !== null,
  save(rc, customer, d, source) {
    const row = rc.services.records.complaints.insert(rc.actor, {
      customerId: (customer as NonNullable<typeof customer>).id,
      repUserId: rc.cmd.user.id,
      content: d.content as string,
      receivedOn: rc.parse.today,
      receivedAt: rc.actor.now,
      source,
      createdByUserId: rc.cmd.user.id,
      createdAt: rc.actor.now,
      updatedAt: rc.actor.now,
    });
    return { entity: 'complaint', entityId: row.id };
  },
  describe(rc, id) {
    const c = rc.services.records.complaints.get(id);
    if (!c) return undefined;
    const customer = customerName(rc, c.customerId);
    return {
      repUserId: c.repUserId,
      values: { customer, content: c.content },
      fields: complaintFields(rc, c),
    };
  },
  update(rc, id, d) {
    rc.services.records.complaints.update(rc.actor, id, { content: d.content as string, updatedAt: rc.actor.now });
  },
};

