import { parseComplaint, type ComplaintDraft } from '../../commands/parse-feedback.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

/** 投诉: a customer complaint, received now; response and closing times are set later. */
export const complaintEntry: EntryParser<ComplaintDraft> = {
  kind: 'complaint',
  needsCustomer: true,
  parseText: (rest) => parseComplaint(rest),
  toValues: (d) => ({ customer: d.customer ?? '', content: d.content ?? '' }),
  fromValues(values) {
    const content = form.note(values, 'content', 'records.field.content');
    if (!content.ok) return content;
    return { ok: true, value: { customer: form.text(values, 'customer'), content: content.value } };
  },
  customerOf: (d) => d.customer,
  missing: (d) => (d.content === null ? ['records.field.content'] : []),
};
