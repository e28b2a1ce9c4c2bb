import { parseVisit, type VisitDraft } from '../../commands/parse-visit.js';
import { VISIT_KINDS } from '../vocabulary.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

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
  customerOf: (d) => d.customer,
  recordDate: (d) => d.visitDate,
  missing: () => [],
};
