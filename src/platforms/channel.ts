import type { ActionResponse, CardAction, Reply } from '../domain/card-model.js';
import type { DirectorySnapshot, IdentityKind } from '../domain/org/directory.js';
import type { MessageKey } from '../i18n/index.js';
import type { PlatformName, Recipient } from '../domain/platform-name.js';
import type { CheckinLocation, ResourceRef } from '../domain/records/checkin-input.js';

/**
 * The contract every platform sits behind. A receiver turns a platform callback into an
 * InboundEvent (after authenticating it); the bot answers with neutral Replies; the Channel turns
 * those into the platform's messages and cards. Nothing outside src/platforms knows a platform's
 * formats.
 */
export type { PlatformName } from '../domain/platform-name.js';

export type { IdentityKind } from '../domain/org/directory.js';

/** How the platform named the sender; the bot tries the kinds in the order given. */
export interface SenderRef {
  platform: PlatformName;
  ids: { kind: IdentityKind; value: string }[];
  displayName?: string;
}

/** Where replies to an event go: opaque to the bot, meaningful to the channel that made it. */
export interface ConversationRef {
  platform: PlatformName;
  chatId: string;
  chatType: 'p2p' | 'group';
  /** The platform message this event is about (to reply to, or to update for card actions). */
  messageId?: string;
  /** Platform extras the channel needs to answer (e.g. DingTalk's sessionWebhook). */
  extra?: Record<string, string>;
}

/** The longest chat text any platform hands the bot (a command is a line; notes are capped far below). */
export const MAX_INBOUND_TEXT_LENGTH = 2000;

export interface InboundMessage {
  kind: 'message';
  platform: PlatformName;
  /** Unique per delivery attempt family: retries of the same event carry the same id. */
  eventId: string;
  sender: SenderRef;
  conversation: ConversationRef;
  text: string;
  /** Text over MAX_INBOUND_TEXT_LENGTH arrives as '' with this set: the bot says so and runs nothing. */
  tooLong?: boolean;
  /** Non-text messages arrive with text '' and this set, so the bot can say it only reads text. */
  nonText?: boolean;
  /**
   * Set when the platform cannot name the sender (DingTalk gives no staffId for people outside the
   * org): the bot answers with this message, in both languages, and runs nothing.
   */
  unidentified?: MessageKey;
  /** A location or a picture (a check-in), decoded by the platform; `nonText` is not set then. */
  attachment?: InboundAttachment;
  receivedAt: number;
}

/** What a non-text message carried that the bot understands (other kinds stay `nonText`). */
export type InboundAttachment = ({ kind: 'location' } & CheckinLocation) | { kind: 'image'; resource: ResourceRef };

export { ResourceTooLargeError, type CheckinLocation, type ResourceRef } from '../domain/records/checkin-input.js';

export interface InboundAction {
  kind: 'action';
  platform: PlatformName;
  eventId: string;
  sender: SenderRef;
  conversation: ConversationRef;
  action: CardAction;
  /** Values of a submitted form, by input name. */
  formValues: Record<string, string>;
  receivedAt: number;
}

export type InboundEvent = InboundMessage | InboundAction;

export type { Recipient } from '../domain/platform-name.js';

export interface SendOptions {
  /** Stable key: the platform-side dedupe key where the platform has one (Feishu uuid). */
  idempotencyKey: string;
}

export interface SentMessage {
  platform: PlatformName;
  messageId: string;
}

/** A file to hand to a person (e.g. the assessment export workbook). */
export interface OutboundFile {
  name: string;
  content: Buffer;
  mimeType: string;
}

/**
 * A to-do made on the platform for a person (a visit's 下一步): its text, and the business date it is
 * due, with the instant a platform without all-day dates shows it due.
 */
export interface PlatformTask {
  summary: string;
  description?: string;
  /** YYYY-MM-DD, the business date. */
  dueDate: string;
  /** Epoch ms: the due date's end of working day in the business time zone. */
  dueAt: number;
}

export interface Channel {
  readonly name: PlatformName;
  /** Platform send limits the outbox keeps under (e.g. Feishu 50/s per app, 5/s per user). */
  readonly limits?: ChannelLimits;
  /** Answer in the conversation an event came from. */
  reply(conversation: ConversationRef, reply: Reply, options: SendOptions): Promise<SentMessage>;
  /** Push to a user directly (scheduled cards, alerts, approvals). */
  send(recipient: Recipient, reply: Reply, options: SendOptions): Promise<SentMessage>;
  /** Replace a sent card (e.g. after an approval every copy shows the outcome). Optional. */
  updateCard?(message: SentMessage, reply: Reply): Promise<void>;
  /** Sends a file to a user as a file message (upload, then message). Optional: not every platform can. */
  sendFile?(recipient: Recipient, file: OutboundFile, options: SendOptions): Promise<SentMessage>;
  /**
   * Downloads a file a message carried (a check-in photo) through the platform's message-resource API,
   * stopping with ResourceTooLargeError past `maxBytes`. Optional.
   */
  fetchResource?(ref: ResourceRef, maxBytes: number): Promise<Buffer>;
  /**
   * Whether the bot is a member of a group chat (binding a group asks it). Optional: a platform
   * without it trusts the group the signed event came from.
   */
  checkGroup?(chatId: string): Promise<boolean>;
  /**
   * Creates a task assigned to `assignee` (its userRef is the id the platform's task API takes: Feishu
   * open_id, DingTalk unionId); the SentMessage's messageId is the task's id. Optional.
   */
  createTask?(assignee: Recipient, task: PlatformTask, options: SendOptions): Promise<SentMessage>;
  /** Moves a task made by createTask to the task's (new) due date. Optional. */
  updateTaskDue?(assignee: Recipient, taskId: string, task: PlatformTask): Promise<SentMessage>;
  /** Reads the platform's address book for the org-sync job. Optional. */
  fetchDirectory?(): Promise<DirectorySnapshot>;
  close?(): Promise<void>;
}

/** What the transport gets back from the bot for an event. */
export interface BotHandler {
  /** Processes a message; replies are delivered by the bot through the channel. */
  handleMessage(event: InboundMessage): Promise<void>;
  /**
   * The same in two steps, for a transport that acknowledges before the work is done: resolves once
   * the message is durably stored (so the acknowledgement may go out), with its handling still running.
   */
  receiveMessage?(event: InboundMessage): Promise<{ handled(): Promise<void> }>;
  /**
   * Answers a card action synchronously from local data: the toast and the replacement card. Further
   * messages the click causes are the bot's to send (through the outbox); the transport sends nothing.
   */
  handleAction(event: InboundAction): Promise<ActionResponse>;
  /**
   * Waits until messages the bot is still sending after answering have had their first attempt (sandbox,
   * shutdown, tests); with `withinMs`, at most that long (false when work was still in hand).
   */
  settle?(withinMs?: number): Promise<boolean>;
}

/** The platform's address book in neutral form (the org sync applies it): defined in the domain. */
export type { DirectoryDepartment, DirectorySnapshot, DirectorySource, DirectoryUser } from '../domain/org/directory.js';


/**
 * What a channel throws when a delivery fails, so the outbox knows whether and when to try again.
 * retryAfterMs comes from the platform (Feishu x-ogw-ratelimit-reset, DingTalk throttling);
 * permanent means retrying cannot help (unknown user, card too large, bot removed from chat).
 */
export class DeliveryError extends Error {
  readonly retryAfterMs: number | undefined;
  readonly permanent: boolean;
  constructor(message: string, options: { retryAfterMs?: number; permanent?: boolean } = {}) {
    super(message);
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs;
    this.permanent = options.permanent ?? false;
  }
}

/** Send limits a channel declares; the outbox sender paces itself under them. */
export interface ChannelLimits {
  perSecond: number;
  perRecipientPerSecond: number;
  /**
   * The channel paces its own calls under these limits (it also sees replies, card updates and
   * directory reads, and pauses on the platform's 429s), so the outbox must not pace a second time:
   * two limiters in series each leave a margin and together waste a share of the limit.
   */
  pacedByChannel?: boolean;
}
