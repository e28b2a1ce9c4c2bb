import type { CardAction, FormInput } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard, userInput } from './define.js';
import { fitText, userText as u } from '../src/domain/user-text.js';

export interface RecordFormData {
  title: string;
  intro?: string;
  /** Quick answers above the form, e.g. the rep's last customers as buttons. */
  choices?: { label: string; action: CardAction }[];
  inputs: FormInput[];
  submitLabel?: string;
  submit: CardAction;
}

/** A record as a form: pre-filled with what was understood, submitted back to the same command. */
export const recordFormCard = defineCard<RecordFormData>(
  'record-form',
  (data, locale: Locale) => ({
    template: 'record-form',
    title: u(data.title),
    color: 'orange',
    elements: [
      ...(data.intro ? [{ type: 'markdown' as const, text: u(data.intro) }] : []),
      ...(data.choices?.length ? [{ type: 'actions' as const, buttons: data.choices.slice(0, 5).map((c) => ({ label: fitText(u(c.label), 39), action: c.action })) }] : []),
      {
        type: 'form' as const,
        name: 'record',
        inputs: data.inputs.map(userInput),
        submit: { label: data.submitLabel === undefined ? t(locale, 'records.form.submit') : u(data.submitLabel), action: data.submit, style: 'primary' as const },
      },
    ],
  }),
  {
    title: '补充拜访信息',
    intro: '还缺一些信息',
    choices: [{ label: '华为技术有限公司', action: { command: 'visit.form', args: { 'v.customer': '华为技术有限公司' } } }],
    inputs: [
      { name: 'customer', label: '客户', kind: 'text', required: true },
      { name: 'visitDate', label: '日期', kind: 'date', value: '2026-11-27' },
    ],
    submit: { command: 'visit.submit', args: { token: 'example' } },
  },
);
