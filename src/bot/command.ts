import type { CardAction, CardModel, Reply } from '../domain/card-model.js';
import type { Locale, MessageKey } from '../i18n/index.js';
import type { ActingUser, DataScope } from '../domain/org/acting-user.js';
import type { Role } from '../domain/org/roles.js';
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
  /** The chat the event came from (group commands bind that chat). */
  conversation?: { chatId: string; chatType: 'p2p' | 'group' };
  /** For 绑定群 only: whether the platform confirmed the bot is in the group (checked before the command runs). */
  groupMember?: boolean;
}

export type Toast = { kind: 'success' | 'info' | 'warning' | 'error'; text: string };

/**
 * What a command answers, once, for typed text and clicks alike. `send`: new messages in the
 * conversation (the core queues them in the outbox). For a click only: `card` replaces the clicked
 * card and `toast` is shown to the clicker; typed text has no card to replace, so it uses `send`.
 */
export interface CommandOutput {
  send?: Reply[];
  card?: CardModel;
  toast?: Toast;
  /**
   * Outbox keys of messages the command queued itself (a file to a person): the pipeline delivers
   * them after its replies, once the event's transaction has committed.
   */
  deliver?: string[];
}

/** Typed text is answered with new messages only. */
export type TextOutput = Pick<CommandOutput, 'send' | 'deliver'>;

type Maybe<T> = T | Promise<T>;

export type TextHandler = (ctx: CommandContext, rest: string) => Maybe<TextOutput>;
export type ActionHandler = (ctx: CommandContext, action: CardAction, formValues: Record<string, string>) => Maybe<CommandOutput>;

export interface CommandSpec {
  /** Canonical name; a card button's action.command is `name` (action key '') or `name.key`. */
  name: string;
  /** Words that start this command when typed: Chinese first, then English and slash forms. */
  words: string[];
  summary: MessageKey;
  examples: string[];
  /** The same in English syntax (English command words), for the English help; absent: examples. */
  examplesEn?: string[];
  /** Hidden from help (e.g. internal card steps). */
  hidden?: boolean;
  /** Who help lists it for (HR's export is not a rep's business); absent: everyone. Not a permission check. */
  audience?: readonly Role[];
  /** Typed text after the command word. Commands reached only through cards leave it out. */
  onText?: TextHandler;
  /** One handler per card action: key '' answers `name`, key 'confirm' answers `name.confirm`. */
  actions?: Record<string, ActionHandler>;
}

export type CommandDefinition = Readonly<CommandSpec>;

/** A command as data: its words for typed text and one handler per card action. */
export function defineCommand(spec: CommandSpec): CommandDefinition {
  return spec;
}

/** The action key of a button's command name: 'visit.confirm' -> 'confirm', 'visit' -> ''. */
export function actionKeyOf(commandName: string, actionName: string): string {
  return actionName === commandName ? '' : actionName.slice(commandName.length + 1);
}
