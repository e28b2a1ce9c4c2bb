import type { Reply } from '../../domain/card-model.js';
import type { Channel, ConversationRef, OutboundFile, Recipient, SendOptions, SentMessage } from '../channel.js';
import type { SandboxTranscriptStore, StoredFile, TranscriptLine } from './stores.js';

/**
 * The local channel: no credentials, no network. Replies and pushes land in a transcript table the
 * sandbox page reads; it is also the test double the conversation tests drive.
 * A sandbox conversation's chatId and a recipient's userRef are the user's id.
 */
export function createSandboxChannel(store: SandboxTranscriptStore, clock: () => number): Channel & {
  transcript(userId: number, afterId?: number): Promise<TranscriptLine[]>;
  recordInbound(userId: number, payload: unknown): Promise<number>;
  sendFile(recipient: Recipient, file: OutboundFile, options: SendOptions): Promise<SentMessage>;
  /** A file it sent, for the page's download link. */
  file(id: number): Promise<StoredFile | undefined>;
} {
  const sent = (id: number): SentMessage => ({ platform: 'sandbox', messageId: String(id) });

  return {
    name: 'sandbox',
    async reply(conversation: ConversationRef, reply: Reply, options: SendOptions) {
      return sent(await store.storeOutbound(Number(conversation.chatId),reply,options.idempotencyKey,clock()));
    },
    async send(recipient: Recipient, reply: Reply, options: SendOptions) {
      return sent(await store.storeOutbound(Number(recipient.userRef),reply,options.idempotencyKey,clock()));
    },
    async updateCard(message: SentMessage, reply: Reply) {
      await store.replacePayload(Number(message.messageId), reply, clock());
    },
    async sendFile(recipient: Recipient, file: OutboundFile, options: SendOptions) {
      const line = (fileId: number) => ({ type: 'file', file: { id: fileId, name: file.name, mimeType: file.mimeType, size: file.content.length, url: `/sandbox/api/files/${fileId}` } });
      return sent(await store.storeFile(Number(recipient.userRef),file,options.idempotencyKey,clock(),line));
    },
    file(id) {
      return store.file(id);
    },
    recordInbound(userId, payload) {
      return store.recordInbound(userId, payload, clock());
    },
    transcript(userId, afterId = 0) {
      return store.transcript(userId, afterId);
    },
  };
}

export type SandboxChannel = ReturnType<typeof createSandboxChannel>;
