import { helpCard } from '../../../cards/help.js';
import { cardReply } from '../../domain/card-model.js';
import { t } from '../../domain/messages/index.js';
import type { CommandDefinition } from '../command.js';

export function createHelpCommand(listCommands: () => CommandDefinition[]): CommandDefinition {
  return {
    name: 'help',
    words: ['帮助', '菜单', 'help', '/help', '?', '？'],
    summary: 'command.help.summary',
    examples: ['帮助', '/help'],
    run(ctx) {
      const visible = listCommands().filter((c) => !c.hidden);
      const card = helpCard.build(
        {
          commands: visible.map((c) => ({
            // The first Chinese word and the slash form are what people remember.
            words: [c.words[0] as string, ...c.words.filter((w) => w.startsWith('/')).slice(0, 1)],
            summary: t(ctx.locale, c.summary),
            examples: c.examples,
          })),
        },
        ctx.locale,
      );
      return { replies: [cardReply(card)], card };
    },
  };
}
