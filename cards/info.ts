import type { CardAction } from '../src/domain/card-model.js';
import { defineCard } from './define.js';
import { fitText, userText as u } from '../src/domain/user-text.js';

export interface InfoData {
  title: string;
  sections: { heading?: string; text?: string; fields?: { label: string; value: string }[] }[];
  buttons?: { label: string; action: CardAction }[];
}

function chunk<T>(items: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

/** A read-only view: a customer's profile, my week, the entry menu. */
export const infoCard = defineCard<InfoData>(
  'info',
  (data) => ({
    template: 'info',
    title: u(data.title),
    color: 'blue',
    elements: [
      ...data.sections.flatMap((s) => [
        ...(s.heading ? [{ type: 'markdown' as const, text: `**${u(s.heading)}**` }] : []),
        ...(s.text ? [{ type: 'markdown' as const, text: u(s.text) }] : []),
        ...(s.fields?.length ? [{ type: 'fields' as const, fields: s.fields.map((f) => ({ label: u(f.label), value: u(f.value) })) }] : []),
      ]),
      // Platforms show at most six buttons in a row: longer lists wrap into more rows.
      ...chunk(data.buttons ?? [], 6).map((buttons) => ({ type: 'actions' as const, buttons: buttons.map((b) => ({ ...b, label: fitText(u(b.label), 40) })) })),
    ],
  }),
  {
    title: '客户 · 华为',
    sections: [{ fields: [{ label: '渠道', value: '直销' }] }, { heading: '联系人', text: '李总 138****5678' }],
    buttons: [{ label: '拜访', action: { command: 'visit.form', args: {} } }],
  },
);
