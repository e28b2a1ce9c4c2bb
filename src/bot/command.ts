import type { ActionResponse, CardAction, Reply } from '../domain/card-model.js';
import type { Locale, MessageKey } from '../domain/messages/index.js';
import type { ActingUser, DataScope } from '../domain/org/acting-user.js';
import type { PlatformName } from '../platforms/channel.js';
import type { BotDeps } from './deps.js';

/** Everything a command may use: who is acting, when, through which platform, and the services. */
export interface CommandContext {
  user: ActingUser;
  locale: Locale;
  now: number;
  platform: PlatformName;
  deps: BotDeps;
  /** The records this user may see (their own, their team's, or all). */
  scope(): DataScope;
  /** The inbound event's id (stable across the platform's redeliveries): for idempotency keys of sends a command makes. */
  eventId?: string;
  /** For card actions: the platform message clicked (other copies of it are updated separately). */
  clickedMessageId?: string;
}

/** Typed text and card clicks reach a command the same way: as text, or as structured arguments. */
export type CommandInput =
  | { source: 'text'; text: string }
  | { source: 'action'; action: CardAction; formValues: Record<string, string> };

export interface CommandOutput {
  replies?: Reply[];
  /** For card actions: a toast and/or a replacement for the clicked card. */
  toast?: ActionResponse['toast'];
  card?: ActionResponse['card'];
}

export interface CommandDefinition {
  /** Canonical name, also what card buttons put in action.command (or `name.step`). */
  name: string;
  /** Words that start this command when typed: Chinese first, then English and slash forms. */
  words: string[];
  summary: MessageKey;
  examples: string[];
  /** Hidden from help (e.g. internal card steps). */
  hidden?: boolean;
  run(ctx: CommandContext, input: CommandInput): Promise<CommandOutput> | CommandOutput;
}
