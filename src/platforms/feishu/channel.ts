import type { Logger } from 'pino';
import type { Reply } from '../../domain/card-model.js';
import { DeliveryError, type Channel, type ChannelLimits, type ConversationRef, type DirectorySnapshot, type OutboundFile, type PlatformTask, type Recipient, type SendOptions, type SentMessage } from '../channel.js';
import { createFeishuApi, FEISHU_CODES, FeishuApiError, feishuFileTypeOf, feishuUuid, type FeishuApi } from './api.js';
import { feishuDueUpdateBody, feishuTaskBody } from './task-body.js';
import { fetchFeishuDirectory } from './directory.js';
import { createInFlight, type InFlight } from './in-flight.js';
import { createRateLimiter } from './rate-limiter.js';
import { renderFeishuCard } from './render-card.js';
import { inertChatText } from '../markdown-escape.js';

export interface FeishuChannelOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  publicBaseUrl: string;
  logger: Logger;
  api?: FeishuApi;
  /** The tenant's send limits; the API client's limiter paces every call under them. */
  rateLimits?: { perSecond: number; perMinute: number; perUserPerSecond: number };
}

export interface FeishuChannel extends Channel {
  readonly api: FeishuApi;
  /** Work acknowledged to Feishu but not finished: close() waits for it. */
  readonly inFlight: InFlight;
  /** Stops the transport (long connection) before close() drains; set by the receiver. */
  onClose(stop: () => Promise<void> | void): void;
  close(): Promise<void>;
  fetchDirectory(): Promise<DirectorySnapshot>;
  sendFile(recipient: Recipient, file: OutboundFile, options: SendOptions): Promise<SentMessage>;
}

function contentOf(reply: Reply, publicBaseUrl: string): { msgType: 'text' | 'interactive'; content: string; fallback: string } {
  // Text messages read <at user_id="all"> as a mention: user text in them is made inert.
  if (reply.type === 'text') return { msgType: 'text', content: JSON.stringify({ text: inertChatText(reply.text) }), fallback: inertChatText(reply.text) };
  const { card, text } = renderFeishuCard(reply.card, { publicBaseUrl });
  return { msgType: 'interactive', content: JSON.stringify(card), fallback: inertChatText(text) };
}

/** How long shutdown waits for acknowledged work (replies being sent, possibly rate limited). */
const DRAIN_TIMEOUT_MS = 15_000;

export function createFeishuChannel(options: FeishuChannelOptions): FeishuChannel {
  const rates = options.rateLimits ?? { perSecond: 50, perMinute: 1000, perUserPerSecond: 5 };
  const api =
    options.api ??
    createFeishuApi({ ...options, limiter: createRateLimiter({ appPerSecond: rates.perSecond, appPerMinute: rates.perMinute, keyPerSecond: rates.perUserPerSecond }) });
  // The API client's limiter owns pacing (it sees every call and Feishu's 429 resets); the outbox only
  // keeps enough sends in flight to fill it.
  const limits: ChannelLimits = { perSecond: Math.min(rates.perSecond, rates.perMinute / 60), perRecipientPerSecond: rates.perUserPerSecond, pacedByChannel: true };
  const inFlight = createInFlight();
  const stoppers: (() => Promise<void> | void)[] = [];
  const log = options.logger.child({ platform: 'feishu' });

  /** Sends a card; if Feishu cannot build it (230099) the text fallback goes instead, so the user still gets an answer. */
  async function withCardFallback(reply: Reply, uuid: string, send: (msgType: 'text' | 'interactive', content: string, uuid: string) => Promise<string>): Promise<string> {
    const { msgType, content, fallback } = contentOf(reply, options.publicBaseUrl);
    try {
      return await send(msgType, content, uuid);
    } catch (error) {
      const cardRefused = error instanceof FeishuApiError && (error.code === FEISHU_CODES.cardBuildFailed || error.code === FEISHU_CODES.cardTooLarge);
      if (msgType !== 'interactive' || !cardRefused) throw error;
      log.warn({ code: error.code }, 'card refused, sending the text fallback');
      return send('text', JSON.stringify({ text: fallback }), feishuUuid(`${uuid}:text`));
    }
  }

  return {
    name: 'feishu',
    limits,
    api,
    inFlight,
    onClose(stop) {
      stoppers.push(stop);
    },

    async reply(conversation: ConversationRef, reply: Reply, sendOptions: SendOptions): Promise<SentMessage> {
      const uuid = feishuUuid(sendOptions.idempotencyKey);
      try {
        const messageId = await withCardFallback(reply, uuid, (msgType, content, id) =>
          conversation.messageId
            ? api.replyMessage({ messageId: conversation.messageId, limitKey: conversation.chatId || conversation.messageId, msgType, content, uuid: id })
            : api.createMessage({ receiveIdType: 'chat_id', receiveId: conversation.chatId, msgType, content, uuid: id }),
        );
        return { platform: 'feishu', messageId };
      } catch (error) {
        // Removed from the group (or the group dissolved): no retry can deliver it.
        if (error instanceof FeishuApiError && error.code === FEISHU_CODES.botNotInGroup) throw new DeliveryError(`feishu: bot not in chat (${error.code})`, { permanent: true });
        throw error;
      }
    },

    async checkGroup(chatId: string): Promise<boolean> {
      try {
        await api.getChat(chatId);
        return true;
      } catch (error) {
        if (error instanceof FeishuApiError) return false;
        throw error;
      }
    },

    async send(recipient: Recipient, reply: Reply, sendOptions: SendOptions): Promise<SentMessage> {
      const uuid = feishuUuid(sendOptions.idempotencyKey);
      const messageId = await withCardFallback(reply, uuid, (msgType, content, id) =>
        api.createMessage({ receiveIdType: 'open_id', receiveId: recipient.userRef, msgType, content, uuid: id }),
      );
      return { platform: 'feishu', messageId };
    },

    /**
     * Upload, then a file message. A retried delivery uploads again (a new file_key is harmless) but
     * the message carries the same uuid, so Feishu shows the file once.
     */
    async sendFile(recipient: Recipient, file: OutboundFile, sendOptions: SendOptions): Promise<SentMessage> {
      const fileKey = await api.uploadFile({ fileType: feishuFileTypeOf(file.name), fileName: file.name, content: file.content });
      const messageId = await api.createMessage({
        receiveIdType: 'open_id',
        receiveId: recipient.userRef,
        msgType: 'file',
        content: JSON.stringify({ file_key: fileKey }),
        uuid: feishuUuid(sendOptions.idempotencyKey),
      });
      return { platform: 'feishu', messageId };
    },

    async updateCard(message: SentMessage, reply: Reply): Promise<void> {
      if (reply.type !== 'card') throw new Error('only a card can replace a card');
      await api.patchMessage(message.messageId, contentOf(reply, options.publicBaseUrl).content);
    },

    async createTask(assignee: Recipient, task: PlatformTask, sendOptions: SendOptions): Promise<SentMessage> {
      return { platform: 'feishu', messageId: await api.createTask(feishuTaskBody(assignee.userRef, task, sendOptions.idempotencyKey)) };
    },

    async updateTaskDue(_assignee: Recipient, taskId: string, task: PlatformTask): Promise<SentMessage> {
      await api.patchTask(taskId, feishuDueUpdateBody(task));
      return { platform: 'feishu', messageId: taskId };
    },

    fetchDirectory: () => fetchFeishuDirectory(api),

    fetchResource: (ref, maxBytes) => api.downloadImage(ref.messageId, ref.key, maxBytes),

    async close(): Promise<void> {
      for (const stop of stoppers.splice(0)) await stop();
      await inFlight.drain(DRAIN_TIMEOUT_MS);
      api.close();
    },
  };
}
