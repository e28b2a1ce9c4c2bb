import { parseDeal, type DealDraft } from '../../commands/parse-deals.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

/** 成交: a won deal in one message, dated today unless given. */
export const dealEntry: EntryParser<DealDraft> = {
  kind: 'deal',
  needsCustomer: true,
  parseText: parseDeal,
  toValues: (d) => ({ customer: d.customer ?? '', amount: form.fenToInput(d.amountFen), wonOn: d.wonOn, title: d.title ?? '' }),
  fromValues(values, ctx) {
    const amount = form.amount(values, 'amount', ctx);
    if (!amount.ok) return amount;
    const wonOn = form.date(values, 'wonOn', ctx, 'past', 'records.kind.deal');
    if (!wonOn.ok) return wonOn;
    const title = form.note(values, 'title', 'records.field.title');
    if (!title.ok) return title;
    return { ok: true, value: { customer: form.text(values, 'customer'), amountFen: amount.value, wonOn: wonOn.value ?? ctx.today, title: title.value } };
  },
  customerOf: (d) => d.customer,
  recordDate: (d) => d.wonOn,
  missing: (d) => (d.amountFen === null ? ['records.field.amount'] : []),
};
