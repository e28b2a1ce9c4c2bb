import { helpCard } from '../../../cards/help.js';
import { cardReply } from '../../domain/card-model.js';
import { arrangeHelp } from '../../domain/commands/help-order.js';
import { t } from '../../i18n/index.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';

export function createHelpCommand(listCommands: () => CommandDefinition[]): CommandDefinition {
  return defineCommand({
    name: 'help',
    words: ['帮助', '菜单', 'help', '/help', '?', '？'],
    summary: 'command.help.summary',
    examples: ['帮助', '/help'],
    examplesEn: ['help', '/help'],
    onText: (ctx) => ({ send: [cardReply(helpCardFor(ctx, listCommands, false))] }),
    actions: {
      // The help button on a card shows help on that card.
      '': (ctx) => ({ card: helpCardFor(ctx, listCommands, false) }),
      all: (ctx) => ({ card: helpCardFor(ctx, listCommands, true) }),
    },
  });
}

/** The most used commands this person may use; the rest behind 全部命令, which shows the whole list. */
function helpCardFor(ctx: CommandContext, listCommands: () => CommandDefinition[], all: boolean) {
  const { first, rest } = arrangeHelp(listCommands(), ctx.user.roles);
  const shown = all ? [...first, ...rest] : first;
  return helpCard.build(
    {
      commands: shown.map((c) => ({
        // The first Chinese word and the slash form are what people remember.
        words: [c.words[0] as string, ...c.words.filter((w) => w.startsWith('/')).slice(0, 1)],
        summary: t(ctx.locale, c.summary),
        examples: ctx.locale === 'en' ? (c.examplesEn ?? c.examples) : c.examples,
      })),
      ...(!all && rest.length > 0 ? { more: { label: t(ctx.locale, 'help.more', { count: rest.length }), action: { command: 'help.all', args: {} } } } : {}),
    },
    ctx.locale,
  );
}
