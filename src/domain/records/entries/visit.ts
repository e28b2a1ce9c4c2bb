import { parseVisit, type VisitDraft } from '../../commands/parse-visit.js';
import { VISIT_KINDS } from '../vocabulary.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';
import { checkName } from '../../commands/parse-context.js';
import { isJointValue } from '../../commands/visit-extras.js';

/** 拜访: a visit, dated today unless given (never in the future), with an optional next step. */
export const visitEntry: EntryParser<VisitDraft> = {
  kind: 'visit',
  needsCustomer: true,
  parseText: parseVisit,
  toValues: (d) => ({
    customer: d.customer ?? '',
    visitDate: d.visitDate,
    kind: d.kind,
    notes: d.notes ?? '',
    nextStep: d.nextStep ?? '',
    nextStepDue: d.nextStepDue ?? '',
    joint: d.joint ? '1' : '',
    contact: d.contact ?? '',
    contactTitle: d.contactTitle ?? '',
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
    // A new contact typed in the form wins over the picked one.
    const contact = form.text(values, 'newContact') ?? form.text(values, 'contact');
    if (contact !== null) {
      const checked = checkName(contact, 'records.field.contact');
      if (!checked.ok) return checked;
    }
    const title = form.note(values, 'contactTitle', 'records.field.contactTitle');
    if (!title.ok) return title;
    return {
      ok: true,
      value: {
        customer: form.text(values, 'customer'),
        visitDate: visitDate.value ?? ctx.today,
        kind: kind.value,
        notes: notes.value,
        nextStep: nextStep.value,
        nextStepDue: due.value,
        joint: isJointValue(values.joint),
        contact,
        contactTitle: contact === null ? null : title.value,
      },
    };
  },
  customerOf: (d) => d.customer,
  recordDate: (d) => d.visitDate,
  missing: () => [],
};
