import { parsePayment, type PaymentDraft } from '../../commands/parse-deals.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

/** 回款: money received from a customer, dated today unless given. */
export const paymentEntry: EntryParser<PaymentDraft> = {
  kind: 'payment',
  needsCustomer: true,
  parseText: parsePayment,
  toValues: (d) => ({ customer: d.customer ?? '', amount: form.fenToInput(d.amountFen), paidOn: d.paidOn, note: d.note ?? '' }),
  fromValues(values, ctx) {
    const amount = form.amount(values, 'amount', ctx);
    if (!amount.ok) return amount;
    const paidOn = form.date(values, 'paidOn', ctx, 'past', 'records.kind.payment');
    if (!paidOn.ok) return paidOn;
    const note = form.note(values, 'note', 'records.field.notes');
    if (!note.ok) return note;
    return { ok: true, value: { customer: form.text(values, 'customer'), amountFen: amount.value, paidOn: paidOn.value ?? ctx.today, note: note.value } };
  },
  customerOf: (d) => d.customer,
  recordDate: (d) => d.paidOn,
  missing: (d) => (d.amountFen === null ? ['records.field.amount'] : []),
};
