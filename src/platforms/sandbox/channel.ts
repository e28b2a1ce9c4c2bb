import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sandboxFiles, sandboxMessages } from '../../db/schema/index.js';
import type { Reply } from '../../domain/card-model.js';
import type { Channel, ConversationRef, OutboundFile, Recipient, SendOptions, SentMessage } from '../channel.js';

/**
 * The local channel: no credentials, no network. Replies and pushes land in a transcript table the
 * sandbox page reads; it is also the test double the conversation tests drive.
 * A sandbox conversation's chatId and a recipient's userRef are the user's id.
 */
export function createSandboxChannel(db: Db, clock: () => number): Channel & {
  transcript(userId: number, afterId?: number): { id: number; direction: 'in' | 'out'; payload: unknown; createdAt: number }[];
  recordInbound(userId: number, payload: unknown): number;
  sendFile(recipient: Recipient, file: OutboundFile, options: SendOptions): Promise<SentMessage>;
  /** A file it sent, for the page's download link. */
  file(id: number): { name: string; mimeType: string; content: Buffer } | undefined;
} {
  function store(userId: number, reply: Reply, idempotencyKey: string): SentMessage {
    const now = clock();
    // The idempotency key makes a repeated delivery (outbox retry) land once.
    const inserted = db
      .insert(sandboxMessages)
      .values({ userId, direction: 'out', payload: reply, idempotencyKey, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: sandboxMessages.id })
      .get();
    const id =
      inserted?.id ??
      (db.select({ id: sandboxMessages.id }).from(sandboxMessages).where(eq(sandboxMessages.idempotencyKey, idempotencyKey)).get()?.id as number);
    return { platform: 'sandbox', messageId: String(id) };
  }

  return {
    name: 'sandbox',
    async reply(conversation: ConversationRef, reply: Reply, options: SendOptions) {
      return store(Number(conversation.chatId), reply, options.idempotencyKey);
    },
    async send(recipient: Recipient, reply: Reply, options: SendOptions) {
      return store(Number(recipient.userRef), reply, options.idempotencyKey);
    },
    async updateCard(message: SentMessage, reply: Reply) {
      db.update(sandboxMessages)
        .set({ payload: reply, updatedAt: clock() })
        .where(eq(sandboxMessages.id, Number(message.messageId)))
        .run();
    },
    async sendFile(recipient: Recipient, file: OutboundFile, options: SendOptions) {
      const userId = Number(recipient.userRef);
      // One transaction: the bytes and the transcript line land together, once per key.
      return db.$client.transaction(() => {
        const stored = db
          .insert(sandboxFiles)
          .values({ userId, name: file.name, mimeType: file.mimeType, content: file.content, idempotencyKey: options.idempotencyKey, createdAt: clock() })
          .onConflictDoNothing()
          .returning({ id: sandboxFiles.id })
          .get();
        const fileId =
          stored?.id ?? (db.select({ id: sandboxFiles.id }).from(sandboxFiles).where(eq(sandboxFiles.idempotencyKey, options.idempotencyKey)).get()?.id as number);
        const payload = { type: 'file', file: { id: fileId, name: file.name, mimeType: file.mimeType, size: file.content.length, url: `/sandbox/api/files/${fileId}` } };
        return store(userId, payload as unknown as Reply, options.idempotencyKey);
      })();
    },
    file(id) {
      return db
        .select({ name: sandboxFiles.name, mimeType: sandboxFiles.mimeType, content: sandboxFiles.content })
        .from(sandboxFiles)
        .where(eq(sandboxFiles.id, id))
        .get();
    },
    recordInbound(userId, payload) {
      const now = clock();
      return db
        .insert(sandboxMessages)
        .values({ userId, direction: 'in', payload, createdAt: now, updatedAt: now })
        .returning({ id: sandboxMessages.id })
        .get().id;
    },
    transcript(userId, afterId = 0) {
      return db
        .select({ id: sandboxMessages.id, direction: sandboxMessages.direction, payload: sandboxMessages.payload, createdAt: sandboxMessages.createdAt })
        .from(sandboxMessages)
        .where(and(eq(sandboxMessages.userId, userId), gt(sandboxMessages.id, afterId)))
        .orderBy(sandboxMessages.id)
        .all();
    },
  };
}

export type SandboxChannel = ReturnType<typeof createSandboxChannel>;
