import { parseSurvey, type SurveyDraft } from '../../commands/parse-feedback.js';
import { rejected } from '../../commands/parse-error.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

function intIn(raw: string | null, min: number, max: number): number | null | 'bad' {
  if (raw === null) return null;
  const n = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : 'bad';
}

/** 满意度: a customer's satisfaction score (1–5) with optional NPS (0–10) and comment. */
export const surveyEntry: EntryParser<SurveyDraft> = {
  kind: 'survey',
  needsCustomer: true,
  parseText: parseSurvey,
  toValues: (d) => ({
    customer: d.customer ?? '',
    score: d.score === null ? '' : String(d.score),
    nps: d.nps === null ? '' : String(d.nps),
    comment: d.comment ?? '',
    surveyedOn: d.surveyedOn,
  }),
  fromValues(values, ctx) {
    const score = intIn(form.text(values, 'score'), 1, 5);
    if (score === 'bad') return rejected('records.error.scoreInvalid', { input: values.score ?? '' });
    const nps = intIn(form.text(values, 'nps'), 0, 10);
    if (nps === 'bad') return rejected('records.error.npsInvalid', { input: values.nps ?? '' });
    const comment = form.note(values, 'comment', 'records.field.comment');
    if (!comment.ok) return comment;
    const on = form.date(values, 'surveyedOn', ctx, 'past', 'records.kind.survey');
    if (!on.ok) return on;
    return { ok: true, value: { customer: form.text(values, 'customer'), score, nps, comment: comment.value, surveyedOn: on.value ?? ctx.today } };
  },
  customerOf: (d) => d.customer,
  recordDate: (d) => d.surveyedOn,
  missing: (d) => (d.score === null ? ['records.field.score'] : []),
};
