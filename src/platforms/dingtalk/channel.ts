import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Reply } from '../../domain/card-model.js';
import { DeliveryError, type Channel, type ConversationRef, type DirectorySnapshot, type OutboundFile, type PlatformTask, type Recipient, type SendOptions, type SentMessage } from '../channel.js';
import type { BatchSendResult, DingTalkApi } from './api.js';
import { DingTalkApiError } from './api-client.js';
import { fetchDingTalkDirectory } from './directory.js';
import { renderCardData } from './render-card.js';
import { renderRobotMessage, renderWebhookMessage } from './render-fallback.js';
import type { CardRecipientStore } from './stores.js';

export interface DingTalkChannelOptions {
  api: DingTalkApi;
  logger: Logger;
  clock: () => number;
  /** The generic advanced-card template; without it cards go out as markdown. */
  cardTemplateId: string | undefined;
  /** Card clicks come back over the stream socket, or to the HTTP card callback route. */
  callbackType: 'STREAM' | 'HTTP';
  callbackRouteKey: string;
  /** Records who each card goes to, so card callbacks act only for them. */
  cardRecipients: Pick<CardRecipientStore, 'record'>;
}

/**
 * Who may act through a card the bot posted to a group on its own (a 喜报): anyone DingTalk shows the
 * card to, i.e. the group's members. Recorded in place of a user id.
 */
export const GROUP_AUDIENCE = '@group';

/**
 * Answers that mean the bot can no longer post to the group (removed from it, the group dissolved or
 * the robot stopped): codes from the group-send error table [2ND] and the card API's bad open space.
 */
const GROUP_GONE_CODES = new Set(['invalidParameter.robotCode.notExsit', 'invalid.openConversationId', 'bot.stopped', 'param.openSpaceIdInvalid']);

async function groupPost<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof DingTalkApiError && GROUP_GONE_CODES.has(error.code)) throw new DeliveryError(`dingtalk: group unreachable (${error.code})`, { permanent: true });
    throw error;
  }
}

/** A sessionWebhook this close to expiry is not used: the reply might arrive after it lapsed. */
const SESSION_WEBHOOK_MARGIN_MS = 60_000;

/**
 * One outTrackId per card, derived from the delivery's idempotency key: every new card gets a fresh
 * id, and a retried delivery of the same card reuses it (DingTalk then refuses a duplicate).
 */
export function outTrackIdFor(idempotencyKey: string): string {
  return `skb-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

export type DingTalkChannel = Channel & {
  /** The same message to many users (≤ 20 per API call, flow-controlled users retried). */
  broadcast(userIds: string[], reply: Reply): Promise<BatchSendResult>;
  sendFile(recipient: Recipient, file: OutboundFile, options: SendOptions): Promise<SentMessage>;
};

/** The fileType values DingTalk's sampleFile message documents. */
const SAMPLE_FILE_TYPES = new Set(['xlsx', 'pdf', 'zip', 'rar', 'doc', 'docx']);

export function createDingTalkChannel(options: DingTalkChannelOptions): DingTalkChannel {
  const { api, logger, clock } = options;

  /**
   * Creates and delivers a card, recorded first with the users who may act through it (a click can
   * come back as soon as DingTalk delivers): the user of a 1:1 card; for a group card, the user whose
   * command it answers (other members have no recorded right to act through it).
   */
  async function deliverCard(target: { kind: 'user'; userId: string } | { kind: 'group'; openConversationId: string }, reply: Extract<Reply, { type: 'card' }>, key: string, requester?: string) {
    const outTrackId = outTrackIdFor(key);
    const recipients = target.kind === 'user' ? [target.userId] : requester ? [requester] : [GROUP_AUDIENCE];
    await options.cardRecipients.record(outTrackId, recipients, clock());
    await api.createAndDeliverCard({
      outTrackId,
      cardTemplateId: options.cardTemplateId as string,
      cardData: renderCardData(reply.card),
      target,
      callbackType: options.callbackType,
      ...(options.callbackType === 'HTTP' ? { callbackRouteKey: options.callbackRouteKey } : {}),
    });
    return { platform: 'dingtalk' as const, messageId: outTrackId };
  }

  /**
   * An interactive card whenever a template is configured: renderCardData keeps every value within
   * DingTalk's 1 KB, so no card loses its buttons. Without a template: the ActionCard fallback.
   */
  function asInteractiveCard(reply: Reply): Extract<Reply, { type: 'card' }> | undefined {
    return reply.type === 'card' && options.cardTemplateId ? reply : undefined;
  }

  async function sendToUser(userId: string, reply: Reply, key: string): Promise<SentMessage> {
    const card = asInteractiveCard(reply);
    if (card) return deliverCard({ kind: 'user', userId }, card, key);
    const result = await api.batchSend([userId], renderRobotMessage(reply));
    if (result.delivered.length === 0) throw new Error(`dingtalk: message to user not delivered (${result.invalid.length ? 'invalid user' : 'flow-controlled'})`);
    return { platform: 'dingtalk', messageId: `oto:${key}` };
  }

  return {
    name: 'dingtalk',

    async reply(conversation: ConversationRef, reply: Reply, sendOptions: SendOptions): Promise<SentMessage> {
      const key = sendOptions.idempotencyKey;
      const staffId = conversation.extra?.senderStaffId;
      const openConversationId = conversation.extra?.conversationId ?? conversation.chatId;
      // Interactive cards only go through the card API; everything else prefers the free sessionWebhook.
      const card = asInteractiveCard(reply);
      if (card) {
        return conversation.chatType === 'group'
          ? groupPost(() => deliverCard({ kind: 'group', openConversationId }, card, key, staffId))
          : deliverCard({ kind: 'user', userId: staffId ?? conversation.chatId }, card, key);
      }
      const webhook = conversation.extra?.sessionWebhook;
      const expiresAt = Number(conversation.extra?.sessionWebhookExpiredTime ?? 0);
      // The sessionWebhook comes from the callback body: only DingTalk's own oapi host is called;
      // any other URL is ignored and the reply goes through the robot API instead.
      const trusted = webhook !== undefined && api.isSessionWebhook(webhook);
      if (webhook && !trusted) logger.warn({ chatType: conversation.chatType }, 'dingtalk: sessionWebhook not on the oapi host; replying through the robot API');
      if (webhook && trusted && expiresAt - SESSION_WEBHOOK_MARGIN_MS > clock()) {
        await api.sessionWebhookSend(webhook, renderWebhookMessage(reply));
        return { platform: 'dingtalk', messageId: `session:${key}` };
      }
      if (conversation.chatType === 'group') {
        const processQueryKey = await groupPost(() => api.groupSend(openConversationId, renderRobotMessage(reply)));
        return { platform: 'dingtalk', messageId: processQueryKey ?? `group:${key}` };
      }
      if (!staffId) {
        logger.warn({ chatType: conversation.chatType }, 'dingtalk: sessionWebhook expired and no userId to answer');
        throw new Error('dingtalk: no way to reply to this conversation');
      }
      return sendToUser(staffId, reply, key);
    },

    async send(recipient: Recipient, reply: Reply, sendOptions: SendOptions): Promise<SentMessage> {
      return sendToUser(recipient.userRef, reply, sendOptions.idempotencyKey);
    },

    /** media/upload, then a 1:1 robot sampleFile message to the user. */
    async sendFile(recipient: Recipient, file: OutboundFile, sendOptions: SendOptions): Promise<SentMessage> {
      const fileType = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
      if (!SAMPLE_FILE_TYPES.has(fileType)) throw new DeliveryError(`dingtalk cannot send a .${fileType} file as a file message`, { permanent: true });
      const mediaId = await api.uploadFile(file.name, file.content, file.mimeType);
      const result = await api.batchSend([recipient.userRef], { msgKey: 'sampleFile', msgParam: JSON.stringify({ mediaId, fileName: file.name, fileType }) });
      if (result.invalid.length > 0) throw new DeliveryError('dingtalk: file to an invalid user', { permanent: true });
      if (result.delivered.length === 0) throw new DeliveryError('dingtalk: file message flow-controlled', { retryAfterMs: 60_000 });
      return { platform: 'dingtalk', messageId: `oto:${sendOptions.idempotencyKey}` };
    },

    async broadcast(userIds: string[], reply: Reply): Promise<BatchSendResult> {
      return api.batchSend(userIds, renderRobotMessage(reply));
    },

    async updateCard(message: SentMessage, reply: Reply): Promise<void> {
      if (reply.type !== 'card') return;
      await api.updateCard(message.messageId, {
        cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
        cardData: renderCardData(reply.card),
      });
    },

    /** A to-do for the rep (userRef: their unionId), due at the task's end of working day. */
    async createTask(assignee: Recipient, task: PlatformTask): Promise<SentMessage> {
      const id = await api.createTodo(assignee.userRef, { subject: task.summary, ...(task.description ? { description: task.description } : {}), dueTime: task.dueAt });
      return { platform: 'dingtalk', messageId: id };
    },

    async updateTaskDue(assignee: Recipient, taskId: string, task: PlatformTask): Promise<SentMessage> {
      await api.updateTodoDue(assignee.userRef, taskId, task.dueAt);
      return { platform: 'dingtalk', messageId: taskId };
    },

    fetchDirectory(): Promise<DirectorySnapshot> {
      return fetchDingTalkDirectory(api);
    },

    fetchResource: (ref, maxBytes) => api.downloadMessageFile(ref.key, maxBytes),
  };
}
