import type { CardAction, FormInput } from '../src/domain/card-model.js';
import { defineCard, userInput } from './define.js';
import { fitText, userText as u } from '../src/domain/user-text.js';

export interface ChoiceData {
  title: string;
  intro: string;
  choices: { label: string; action: CardAction }[];
  /** An alternative filled in on the same card, e.g. "create a new customer" with a channel. */
  form?: { inputs: FormInput[]; submitLabel: string; submit: CardAction };
}

/** Button labels are at most 40 characters on every platform; long customer names are cut. */
const fit = (label: string): string => fitText(u(label), 39);

/** A question with buttons (did you mean Y?) and optionally a form for the other answer. */
export const choiceCard = defineCard<ChoiceData>(
  'choice',
  (data) => ({
    template: 'choice',
    title: u(data.title),
    color: 'orange',
    elements: [
      { type: 'markdown', text: u(data.intro) },
      ...(data.choices.length ? [{ type: 'actions' as const, buttons: data.choices.slice(0, 6).map((c, i) => ({ ...c, label: fit(c.label), style: i === 0 ? ('primary' as const) : ('default' as const) })) }] : []),
      ...(data.form
        ? [{ type: 'form' as const, name: 'choice', inputs: data.form.inputs.map(userInput), submit: { label: fit(data.form.submitLabel), action: data.form.submit } }]
        : []),
    ],
  }),
  {
    title: '你是指这个客户吗？',
    intro: '没有完全匹配「华为科技」的客户。',
    choices: [{ label: '是「华为技术」', action: { command: 'visit.pick', args: { customerId: '1', token: 'example' } } }],
    form: {
      inputs: [{ name: 'salesChannel', label: '渠道', kind: 'select', required: true, options: [{ label: '直销', value: '1' }] }],
      submitLabel: '新建「华为科技」并保存',
      submit: { command: 'visit.create', args: { token: 'example' } },
    },
  },
);
