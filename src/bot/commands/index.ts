import type { CommandDefinition } from '../command.js';
import { createHelpCommand } from './help.js';
import { createRecordCommands } from './records.js';

/** The commands the bot understands, in the order help lists them. */
export function createCommands(): CommandDefinition[] {
  const commands: CommandDefinition[] = [];
  commands.push(createHelpCommand(() => commands));
  commands.push(...createRecordCommands());
  return commands;
}
