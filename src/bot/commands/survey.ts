import { parseSurvey, type SurveyDraft } from '../../domain/commands/parse-feedback.js';
import { rejected } from '../../domain/commands/parse-error.js';
import { t } from '../../domain/messages/index.js';
import { customerName, field, present } from '../records/display.js';
import type { EntrySpec } from '../records/entry-spec.js';
import * as form from '../records/form-fields.js';

function intIn(raw: string | null, min: number, max: number): number | null | 'bad' {
  if (raw === null) return null;
  const n = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : 'bad';
}

/** 满意度: a customer's satisfaction score (1–5) with optional NPS (0–10) and comment. */
export const surveySpec: EntrySpec<SurveyDraft> = {
  name: 'survey',
  words: ['满意度', '/survey', 'survey', '/csat', 'csat'],
  summary: 'command.survey.summary',
  examples: ['满意度 华为 5 服务很好', '满意度 华为 4分 NPS 9'],
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
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      {
        name: 'score',
        label: t(l, 'records.field.score'),
        kind: 'select',
        required: true,
        ...(values.score ? { value: values.score } : {}),
        options: ['5', '4', '3', '2', '1'].map((v) => ({ label: v, value: v })),
      },
      { name: 'nps', label: t(l, 'records.field.nps'), kind: 'number', value: values.nps ?? '' },
      { name: 'comment', label: t(l, 'records.field.comment'), kind: 'textarea', value: values.comment ?? '' },
      { name: 'surveyedOn', label: t(l, 'records.field.date'), kind: 'date', value: values.surveyedOn || rc.parse.today },
    ];
  },
  customerOf: (d) => d.customer,
  isComplete: (d) => d.score !== null,
  save(rc, customer, d, source) {
    const row = rc.services.records.surveys.insert(rc.actor, {
      customerId: (customer as NonNullable<typeof customer>).id,
      repUserId: rc.cmd.user.id,
      score: d.score as number,
      nps: d.nps,
      comment: d.comment,
      surveyedOn: d.surveyedOn,
      source,
      createdByUserId: rc.cmd.user.id,
      createdAt: rc.actor.now,
      updatedAt: rc.actor.now,
    });
    return { entity: 'satisfaction_survey', entityId: row.id };
  },
  describe(rc, id) {
    const s = rc.services.records.surveys.get(id);
    if (!s) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, s.customerId);
    return {
      repUserId: s.repUserId,
      values: surveySpec.toValues({ ...s, customer }),
      fields: present([
        field(l, 'records.field.customer', customer),
        field(l, 'records.field.score', `${s.score}/5`),
        s.nps !== null && field(l, 'records.field.nps', String(s.nps)),
        s.comment !== null && field(l, 'records.field.comment', s.comment),
        field(l, 'records.field.date', s.surveyedOn),
      ]),
    };
  },
  update(rc, id, d) {
    rc.services.records.surveys.update(rc.actor, id, { score: d.score as number, nps: d.nps, comment: d.comment, surveyedOn: d.surveyedOn, updatedAt: rc.actor.now });
  },
};

