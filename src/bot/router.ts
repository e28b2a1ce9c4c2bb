import { splitCommandWord } from '../domain/commands/normalise.js';
import { AppError } from '../domain/errors.js';
import { actionKeyOf, type ActionHandler, type CommandDefinition } from './command.js';

/**
 * Finds the command for typed text (by its first word) or for a card action (by name; an action
 * named "visit.confirm" belongs to the command "visit").
 */
export function createRouter(commands: CommandDefinition[]) {
  const byWord = new Map<string, CommandDefinition>();
  const byName = new Map<string, CommandDefinition>();
  for (const command of commands) {
    if (byName.has(command.name)) throw new Error(`duplicate command name ${command.name}`);
    byName.set(command.name, command);
    for (const word of command.words) {
      const key = word.toLowerCase();
      const clash = byWord.get(key);
      if (clash) throw new Error(`command word "${word}" is claimed by both ${clash.name} and ${command.name}`);
      byWord.set(key, command);
    }
  }

  const chineseWords = [...byWord.keys()].filter((w) => /^[\u4e00-\u9fff]/.test(w)).sort((a, b) => b.length - a.length);

  return {
    commands,
    matchText(text: string): { command: CommandDefinition; rest: string } | undefined {
      const { word, rest } = splitCommandWord(text);
      const command = byWord.get(word);
      if (command) return { command, rest };
      // Chinese has no spaces: "拜访华为 聊了预算" starts with 拜访. The longest Chinese command word wins.
      const prefix = chineseWords.find((w) => word.startsWith(w) && word.length > w.length);
      return prefix ? { command: byWord.get(prefix) as CommandDefinition, rest: `${word.slice(prefix.length)} ${rest}`.trim() } : undefined;
    },
    /** The handler for a button's action name: "visit.confirm" is the command visit's action "confirm". */
    matchAction(actionName: string): { command: CommandDefinition; handler: ActionHandler } {
      const base = actionName.split('.')[0] as string;
      const command = byName.get(actionName) ?? byName.get(base);
      const handler = command?.actions?.[actionKeyOf(command.name, actionName)];
      if (!command || !handler) throw new AppError('UNKNOWN_COMMAND', `no command for action ${actionName}`);
      return { command, handler };
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
