import { parseOpportunity, type OpportunityDraft } from '../../commands/parse-deals.js';
import { DEAL_STAGES } from '../vocabulary.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

/** 商机: an opportunity with an amount and a stage (线索 unless given). */
export const opportunityEntry: EntryParser<OpportunityDraft> = {
  kind: 'opportunity',
  needsCustomer: true,
  parseText: parseOpportunity,
  toValues: (d) => ({
    customer: d.customer ?? '',
    amount: form.fenToInput(d.amountFen),
    stage: d.stage,
    expectedCloseDate: d.expectedCloseDate ?? '',
    title: d.title ?? '',
  }),
  fromValues(values, ctx) {
    const amount = form.amount(values, 'amount', ctx);
    if (!amount.ok) return amount;
    const stage = form.choice(values, 'stage', DEAL_STAGES, 'lead');
    if (!stage.ok) return stage;
    const close = form.date(values, 'expectedCloseDate', ctx, 'future', 'records.field.expectedClose');
    if (!close.ok) return close;
    const title = form.note(values, 'title', 'records.field.title');
    if (!title.ok) return title;
    return {
      ok: true,
      value: { customer: form.text(values, 'customer'), amountFen: amount.value, stage: stage.value, expectedCloseDate: close.value, title: title.value },
    };
  },
  customerOf: (d) => d.customer,
  missing: (d) => (d.amountFen === null ? ['records.field.amount'] : []),
};
