import type { CardAction } from '../src/domain/card-model.js';
import { defineCard } from './define.js';

export interface InfoData {
  title: string;
  sections: { heading?: string; text?: string; fields?: { label: string; value: string }[] }[];
  buttons?: { label: string; action: CardAction }[];
}

/** A read-only view: a customer's profile, my week, the entry menu. */
export const infoCard = defineCard<InfoData>(
  'info',
  (data) => ({
    template: 'info',
    title: data.title,
    color: 'blue',
    elements: [
      ...data.sections.flatMap((s) => [
        ...(s.heading ? [{ type: 'markdown' as const, text: `**${s.heading}**` }] : []),
        ...(s.text ? [{ type: 'markdown' as const, text: s.text }] : []),
        ...(s.fields?.length ? [{ type: 'fields' as const, fields: s.fields }] : []),
      ]),
      ...(data.buttons?.length ? [{ type: 'actions' as const, buttons: data.buttons.slice(0, 6) }] : []),
    ],
  }),
  {
    title: '客户 · 华为',
    sections: [{ fields: [{ label: '渠道', value: '直销' }] }, { heading: '联系人', text: '李总 138****5678' }],
    buttons: [{ label: '拜访', action: { command: 'visit.form', args: {} } }],
  },
);
