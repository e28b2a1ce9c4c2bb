import type { CardAction, FormInput } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard, userInput } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

export interface RecordFormData {
  title: string;
  intro?: string;
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
    inputs: [
      { name: 'customer', label: '客户', kind: 'text', required: true },
      { name: 'visitDate', label: '日期', kind: 'date', value: '2026-11-27' },
    ],
    submit: { command: 'visit.submit', args: { token: 'example' } },
  },
);
