import { parseVisit, type VisitDraft } from '../../domain/commands/parse-visit.js';
import { t } from '../../domain/messages/index.js';
import { VISIT_KINDS } from '../../domain/records/vocabulary.js';
import { customerName, field, present } from '../records/display.js';
import type { EntrySpec } from '../records/entry-spec.js';
import * as form from '../records/form-fields.js';

export const visitSpec: EntrySpec<VisitDraft> = {
  name: 'visit',
  words: ['拜访', '/visit', 'visit'],
  summary: 'command.visit.summary',
  examples: ['拜访 华为 聊了采购计划', '拜访 华为 昨天 电话 确认预算 下周三报价'],
  needsCustomer: true,
  parseText: parseVisit,
  toValues: (d) => ({
    customer: d.customer ?? '',
    visitDate: d.visitDate,
    kind: d.kind,
    notes: d.notes ?? '',
    nextStep: d.nextStep ?? '',
    nextStepDue: d.nextStepDue ?? '',
  }),
  fromValues(values, ctx) {
    const visitDate = form.date(values, 'visitDate', ctx, 'past', 'records.kind.visit');
    if (!visitDate.ok) return visitDate;
    const kind = form.choice(values, 'kind', VISIT_KINDS, 'onsite');
    if (!kind.ok) return kind;
    const notes = form.note(values, 'notes', 'records.field.notes');
    if (!notes.ok) return notes;
    const nextStep = form.note(values, 'nextStep', 'records.field.nextStep');
    if (!nextStep.ok) return nextStep;
    const due = form.date(values, 'nextStepDue', ctx, 'future', 'records.field.nextStep');
    if (!due.ok) return due;
    return {
      ok: true,
      value: {
        customer: form.text(values, 'customer'),
        visitDate: visitDate.value ?? ctx.today,
        kind: kind.value,
        notes: notes.value,
        nextStep: nextStep.value,
        nextStepDue: due.value,
      },
    };
  },
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'visitDate', label: t(l, 'records.field.date'), kind: 'date', value: values.visitDate || rc.parse.today },
      {
        name: 'kind',
        label: t(l, 'records.field.visitKind'),
        kind: 'select',
        value: values.kind || 'onsite',
        options: VISIT_KINDS.map((k) => ({ label: t(l, `records.visitKind.${k}`), value: k })),
      },
      { name: 'notes', label: t(l, 'records.field.notes'), kind: 'textarea', value: values.notes ?? '' },
      { name: 'nextStep', label: t(l, 'records.field.nextStep'), kind: 'text', value: values.nextStep ?? '' },
      { name: 'nextStepDue', label: t(l, 'records.field.nextStepDue'), kind: 'date', value: values.nextStepDue ?? '' },
    ];
  },
  customerOf: (d) => d.customer,
  isComplete: () => true,
  save(rc, customer, d, source) {
    const customerId = (customer as NonNullable<typeof customer>).id;
    // "见了李总" links the visit to the customer's contact 李总 when the name appears in the notes.
    const contact = d.notes ? rc.services.customers.contactsOf(customerId).find((c) => d.notes?.includes(c.name)) : undefined;
    const row = rc.services.records.visits.insert(rc.actor, {
      repUserId: rc.cmd.user.id,
      customerId,
      contactId: contact?.id ?? null,
      visitDate: d.visitDate,
      kind: d.kind,
      notes: d.notes,
      nextStep: d.nextStep,
      nextStepDue: d.nextStepDue,
      source,
      createdByUserId: rc.cmd.user.id,
      createdAt: rc.actor.now,
      updatedAt: rc.actor.now,
    });
    return { entity: 'visit', entityId: row.id };
  },
  describe(rc, id) {
    const v = rc.services.records.visits.get(id);
    if (!v) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, v.customerId);
    return {
      repUserId: v.repUserId,
      values: { ...visitSpec.toValues({ ...v, customer }) },
      fields: present([
        field(l, 'records.field.customer', customer),
        field(l, 'records.field.date', v.visitDate),
        field(l, 'records.field.visitKind', t(l, `records.visitKind.${v.kind}`)),
        v.notes !== null && field(l, 'records.field.notes', v.notes),
        v.nextStep !== null && field(l, 'records.field.nextStep', v.nextStep),
        v.nextStepDue !== null && field(l, 'records.field.nextStepDue', v.nextStepDue),
      ]),
    };
  },
  update(rc, id, d) {
    rc.services.records.visits.update(rc.actor, id, {
      visitDate: d.visitDate,
      kind: d.kind,
      notes: d.notes,
      nextStep: d.nextStep,
      nextStepDue: d.nextStepDue,
      updatedAt: rc.actor.now,
    });
  },
};

