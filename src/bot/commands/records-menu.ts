import { infoCard } from '../../../cards/info.js';
import { cardReply, type Reply } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';

const FORMS = ['visit', 'deal', 'opportunity', 'stage', 'payment', 'customer', 'contact', 'survey', 'complaint', 'training'] as const;

/** 记录: a menu card that opens each entry form, for people who prefer forms to typing. */
export function createRecordsMenuCommand(): CommandDefinition {
  return defineCommand({
    name: 'records',
    words: ['记录', '/new', 'new', '/records'],
    summary: 'command.records.summary',
    examples: ['记录'],
    examplesEn: ['/new', '/records'],
    onText: async (cmd, rest) => ({ send: answer(cmd, rest) }),
    actions: { '': async (cmd) => ({ send: answer(cmd, '') }) },
  });
}

function answer(cmd: CommandContext, _text: string): Reply[] {
  const l = cmd.locale;
  const card = infoCard.build(
    {
      title: t(l, 'records.menu.title'),
      sections: [{ text: t(l, 'records.menu.intro') }],
      buttons: FORMS.map((kind) => ({ label: t(l, `records.kind.${kind}`), action: { command: `${kind}.form`, args: {} } })),
    },
    l,
  );
  return [cardReply(card)];
}
