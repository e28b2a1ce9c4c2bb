import type { SurveyDraft } from '../../domain/commands/parse-feedback.js';
import { t } from '../../i18n/index.js';
import { surveyEntry } from '../../domain/records/entries/survey.js';
import { saveSurvey, updateSurvey } from '../../features/records/feedback.js';
import { customerName, field, present } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';

/** 满意度: a customer's satisfaction score (1–5) with optional NPS (0–10) and comment. */
export const surveyForm: EntryForm<SurveyDraft> = {
  parser: surveyEntry,
  words: ['满意度', '/survey', 'survey', '/csat', 'csat'],
  summary: 'command.survey.summary',
  examples: ['满意度 华为 5 服务很好', '满意度 华为 4分 NPS 9'],
  examplesEn: ['survey Huawei 5 great service', 'csat Huawei 4 NPS 9'],
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
  async describe(rc, id) {
    const s = await rc.services.records.surveys.get(id);
    if (!s) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, s.customerId);
    return {
      repUserId: s.repUserId,
      values: surveyEntry.toValues({ ...s, customer: await customer }),
      fields: present([
        field(l, 'records.field.customer', await customer),
        field(l, 'records.field.score', `${s.score}/5`),
        s.nps !== null && field(l, 'records.field.nps', String(s.nps)),
        s.comment !== null && field(l, 'records.field.comment', s.comment),
        field(l, 'records.field.date', s.surveyedOn),
        // Issue 17: a typed score is the rep's own word; say so, and how to get the customer's.
        s.verification === 'customer'
          ? field(l, 'survey.self.field', t(l, 'survey.customer.value'))
          : field(l, 'survey.self.field', `${t(l, 'survey.self.value')} · ${t(l, 'survey.self.note', { customer: await customer })}`),
      ]),
    };
  },
  save: saveSurvey,
  update: updateSurvey,
};
