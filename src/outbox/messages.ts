import { cardReply, type CardModel, type Reply } from '../domain/card-model.js';
import { DeliveryError, type Channel, type ConversationRef, type PlatformName, type PlatformTask, type Recipient, type SendOptions, type SentMessage } from '../platforms/channel.js';

/**
 * What an outbox row asks of a channel, by target and payload:
 *   user + Reply          push to a person            Channel.send
 *   conversation + Reply  answer in a conversation    Channel.reply
 *   user + file           hand a person a file        Channel.sendFile (optional ability)
 *   message + card-update replace a sent card         Channel.updateCard (optional ability)
 *   user + platform-task  a task on the platform      Channel.createTask (optional ability; the
 *                         recipient's userRef is the platform's task assignee id)
 */
export type OutboxTarget =
  | { kind: 'user'; recipient: Recipient }
  | { kind: 'conversation'; conversation: ConversationRef }
  /** A message sent earlier, by the platform's id for it: the card to replace. */
  | { kind: 'message'; messageId: string }
  /**
   * The message another outbox row sends, by that row's key: for a card update queued while the
   * message is still on its way (its platform id not known yet). The outbox waits for that row.
   */
  | { kind: 'message-of'; idempotencyKey: string };

/** A file for Channel.sendFile, kept in the row (base64) so a retry after a crash still has the bytes. */
export interface OutboxFilePayload {
  type: 'file';
  file: { name: string; mimeType: string; contentBase64: string };
}

/** "Show this card in that message instead" (e.g. every copy of an approval card shows the decision). */
export interface OutboxCardUpdatePayload {
  type: 'card-update';
  card: CardModel;
}

/** "Make this task for that person on the platform" (a visit's 下一步); the sent row's message id is the task id. */
export interface OutboxPlatformTaskPayload {
  type: 'platform-task';
  task: PlatformTask;
  /** Set: the task already made (its id); only its due date changes (改期). */
  taskId?: string;
}

export type OutboxPayload = Reply | OutboxFilePayload | OutboxCardUpdatePayload | OutboxPlatformTaskPayload;

export interface OutboxMessage {
  idempotencyKey: string;
  platform: PlatformName;
  target: OutboxTarget;
  payload: OutboxPayload;
}

export const filePayload = (file: { name: string; mimeType: string; content: Buffer }): OutboxFilePayload => ({
  type: 'file',
  file: { name: file.name, mimeType: file.mimeType, contentBase64: file.content.toString('base64') },
});

/**
 * Replaces the card of a sent message. The key names the copy and the state its card shows, so the
 * same update is stored once and a later state is a new update.
 */
export const cardUpdateMessage = (update: { idempotencyKey: string; platform: PlatformName; messageId: string; card: CardModel }): OutboxMessage => ({
  idempotencyKey: update.idempotencyKey,
  platform: update.platform,
  target: { kind: 'message', messageId: update.messageId },
  payload: { type: 'card-update', card: update.card },
});

/** Replaces the card of a message still being sent by the outbox row with key `of`, once it is sent. */
export const cardUpdateOfMessage = (update: { idempotencyKey: string; platform: PlatformName; of: string; card: CardModel }): OutboxMessage => ({
  idempotencyKey: update.idempotencyKey,
  platform: update.platform,
  target: { kind: 'message-of', idempotencyKey: update.of },
  payload: { type: 'card-update', card: update.card },
});

/** Messages to one recipient (or one sent message) go one after another, in order. */
export function recipientKey(target: OutboxTarget): string {
  if (target.kind === 'user') return `u:${target.recipient.userRef}`;
  if (target.kind === 'conversation') return `c:${target.conversation.chatId}`;
  return target.kind === 'message' ? `m:${target.messageId}` : `k:${target.idempotencyKey}`;
}

/**
 * Hands one row to its channel. Throws DeliveryError, permanent when retrying cannot help: a channel
 * without the ability asked for, or a payload sent where it cannot go.
 */
export async function dispatch(channel: Channel, target: OutboxTarget, payload: OutboxPayload, options: SendOptions): Promise<SentMessage> {
  if (payload.type === 'card-update') {
    if (!channel.updateCard) throw new DeliveryError(`channel ${channel.name} cannot update cards`, { permanent: true });
    if (target.kind !== 'message') throw new DeliveryError('a card update names the message it replaces', { permanent: true });
    const message = { platform: channel.name, messageId: target.messageId };
    await channel.updateCard(message, cardReply(payload.card));
    return message;
  }
  if (target.kind === 'message-of') throw new DeliveryError('a card update waiting for its message was not resolved', { permanent: true });
  if (target.kind === 'message') throw new DeliveryError('only a card update goes to a sent message', { permanent: true });
  if (payload.type === 'platform-task') {
    if (target.kind !== 'user') throw new DeliveryError('a task is made for a user, not a conversation', { permanent: true });
    if (payload.taskId !== undefined) {
      if (!channel.updateTaskDue) throw new DeliveryError(`channel ${channel.name} cannot update tasks`, { permanent: true });
      return channel.updateTaskDue(target.recipient, payload.taskId, payload.task);
    }
    if (!channel.createTask) throw new DeliveryError(`channel ${channel.name} cannot create tasks`, { permanent: true });
    return channel.createTask(target.recipient, payload.task, options);
  }
  if (payload.type === 'file') {
    // Files go to a person (a file in a group chat could expose pay data); a channel without sendFile cannot help.
    if (!channel.sendFile) throw new DeliveryError(`channel ${channel.name} cannot send files`, { permanent: true });
    if (target.kind !== 'user') throw new DeliveryError('files are sent to a user, not a conversation', { permanent: true });
    const { name, mimeType, contentBase64 } = payload.file;
    return channel.sendFile(target.recipient, { name, mimeType, content: Buffer.from(contentBase64, 'base64') }, options);
  }
  return target.kind === 'user' ? channel.send(target.recipient, payload, options) : channel.reply(target.conversation, payload, options);
}
