import type { CardAction } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

export interface RecordSavedData {
  title: string;
  fields: { label: string; value: string }[];
  notice?: string;
  /** What the entry did to the period: "本月拜访次数 8/40，进度 20%". */
  progress?: string;
  edit?: CardAction;
  undo?: CardAction;
  /** Where the record opens in the mini-app. */
  link?: string;
}

/** The short confirmation after an entry: what was stored, with edit and undo. */
export const recordSavedCard = defineCard<RecordSavedData>(
  'record-saved',
  (data, locale: Locale) => {
    const buttons = [
      ...(data.edit ? [{ label: t(locale, 'records.button.edit'), action: data.edit }] : []),
      ...(data.undo ? [{ label: t(locale, 'records.button.undo'), action: data.undo, style: 'danger' as const }] : []),
    ];
    return {
      template: 'record-saved',
      title: u(data.title),
      color: 'green',
      elements: [
        ...(data.fields.length ? [{ type: 'fields' as const, fields: data.fields.map((f) => ({ label: u(f.label), value: u(f.value) })) }] : [{ type: 'markdown' as const, text: u(data.title) }]),
        ...(data.progress ? [{ type: 'markdown' as const, text: data.progress }] : []),
        ...(data.notice ? [{ type: 'note' as const, text: u(data.notice) }] : []),
        ...(buttons.length ? [{ type: 'actions' as const, buttons }] : []),
        ...(data.link ? [{ type: 'link' as const, label: t(locale, 'records.saved.openInApp'), url: data.link }] : []),
        ...(data.undo ? [{ type: 'note' as const, text: t(locale, 'records.saved.note') }] : []),
      ],
    };
  },
  {
    title: '已记录拜访 ✓',
    fields: [
      { label: '客户', value: '华为' },
      { label: '日期', value: '2026-11-26' },
    ],
    progress: '本月拜访次数 8/40，进度 20%',
    edit: { command: 'visit.edit', args: { entryId: '1' } },
    undo: { command: 'undo.entry', args: { entryId: '1' } },
    link: 'https://kpi.example.com/app/#/records/edit-visit?id=1',
  },
);
