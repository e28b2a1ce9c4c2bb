import { choiceCard } from '../../../cards/choice.js';
import { cardReply, textReply, type Reply } from '../../domain/card-model.js';
import { suggestCommand } from '../../domain/commands/suggest-command.js';
import { t, type Locale } from '../../i18n/index.js';
import { defineCommand, type CommandDefinition } from '../command.js';
import { createRouter } from '../router.js';

/** The longest text a suggestion button carries back (the rest of a typed record). */
const MAX_CARRIED = 500;

/**
 * Text no command starts with: the nearest command word as a question with a button that runs it
 * on the same text ("拜方 华为 …" -> 你是想 拜访 吗？), or the hint to send 帮助.
 */
export function unknownTextReply(commands: readonly CommandDefinition[], text: string, locale: Locale): Reply {
  const words = commands.filter((c) => !c.hidden && c.onText).flatMap((c) => c.words);
  const suggestion = suggestCommand(text, words);
  if (!suggestion || text.length > MAX_CARRIED) return textReply(t(locale, 'common.unknownCommand', { text: text.slice(0, 40) }));
  const corrected = `${suggestion.word} ${suggestion.rest}`.trim();
  return cardReply(
    choiceCard.build(
      {
        title: t(locale, 'suggest.title', { word: suggestion.word }),
        intro: t(locale, 'suggest.intro', { text: text.slice(0, 40), corrected: corrected.slice(0, 80) }),
        choices: [
          { label: t(locale, 'suggest.run', { word: suggestion.word }), action: { command: 'suggest.run', args: { text: corrected } } },
          { label: t(locale, 'suggest.help'), action: { command: 'help', args: {} } },
        ],
      },
      locale,
    ),
  );
}

/** The button under a suggestion: runs the corrected text as if it had been typed. */
export function createSuggestCommand(listCommands: () => CommandDefinition[]): CommandDefinition {
  let router: ReturnType<typeof createRouter> | undefined;
  return defineCommand({
    name: 'suggest',
    words: [],
    hidden: true,
    summary: 'command.help.summary',
    examples: [],
    actions: {
      async run(ctx, { args }) {
        router ??= createRouter(listCommands());
        const match = router.matchText(args.text ?? '');
        if (!match?.command.onText) return { send: [unknownTextReply(listCommands(), args.text ?? '', ctx.locale)] };
        return { send: (await match.command.onText(ctx, match.rest)).send ?? [] };
      },
    },
  });
}
