import { helpCard } from '../../../cards/help.js';
import { cardReply } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';

export function createHelpCommand(listCommands: () => CommandDefinition[]): CommandDefinition {
  const card = (ctx: CommandContext) => helpCardFor(ctx, listCommands);
  return defineCommand({
    name: 'help',
    words: ['帮助', '菜单', 'help', '/help', '?', '？'],
    summary: 'command.help.summary',
    examples: ['帮助', '/help'],
    onText: (ctx) => ({ send: [cardReply(card(ctx))] }),
    // The help button on a card shows help on that card.
    actions: { '': (ctx) => ({ card: card(ctx) }) },
  });
}

function helpCardFor(ctx: CommandContext, listCommands: () => CommandDefinition[]) {
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
  return card;
}
