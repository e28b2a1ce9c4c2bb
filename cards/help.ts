import type { CardAction } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';

export interface HelpCardData {
  commands: { words: string[]; summary: string; examples: string[] }[];
  /** The button to the full list, when the card shows only the most used commands. */
  more?: { label: string; action: CardAction };
}

export const helpCard = defineCard<HelpCardData>(
  'help',
  (data, locale: Locale) => ({
    template: 'help',
    title: t(locale, 'help.title'),
    color: 'blue',
    elements: [
      { type: 'markdown', text: t(locale, 'help.intro') },
      { type: 'divider' },
      ...data.commands.map((c) => ({
        type: 'markdown' as const,
        text: `**${c.words.join(' / ')}** — ${c.summary}${c.examples.length ? `\n${c.examples.map((e) => `\`${e}\``).join('  ')}` : ''}`,
      })),
      ...(data.more ? [{ type: 'actions' as const, buttons: [{ label: data.more.label, action: data.more.action }] }] : []),
      { type: 'note', text: t(locale, 'help.footer') },
    ],
  }),
  {
    commands: [{ words: ['帮助', '/help'], summary: '查看可用命令和示例', examples: ['帮助'] }],
    more: { label: '全部命令', action: { command: 'help.all', args: {} } },
  },
);
