import { and, eq, gt, lt } from 'drizzle-orm';
import { inSyncTransaction, asyncRepository, type Db } from '../client.js';
import { sandboxFiles, sandboxMessages } from '../schema/index.js';

/**
 * The sandbox channel's transcript (sandbox_messages) and the files it "sent" (sandbox_files).
 * Implements SandboxTranscriptStore (src/platforms/sandbox/stores.ts), passed in by app.ts.
 */
export function createSandboxTranscript(db: Db) {
  function storeOutbound(userId: number, payload: unknown, idempotencyKey: string, now: number): number {
    // The idempotency key makes a repeated delivery (outbox retry) land once.
    const inserted = db
      .insert(sandboxMessages)
      .values({ userId, direction: 'out', payload, idempotencyKey, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: sandboxMessages.id })
      .get();
    return inserted?.id ?? (db.select({ id: sandboxMessages.id }).from(sandboxMessages).where(eq(sandboxMessages.idempotencyKey, idempotencyKey)).get()?.id as number);
  }

  return asyncRepository(db, {
    storeOutbound,

    replacePayload(lineId: number, payload: unknown, now: number): void {
      db.update(sandboxMessages).set({ payload, updatedAt: now }).where(eq(sandboxMessages.id, lineId)).run();
    },

    storeFile(userId: number, file: { name: string; mimeType: string; content: Buffer }, idempotencyKey: string, now: number, line: (fileId: number) => unknown): number {
      // One transaction: the bytes and the transcript line land together, once per key.
      return inSyncTransaction(db, () => {
        const stored = db
          .insert(sandboxFiles)
          .values({ userId, name: file.name, mimeType: file.mimeType, content: file.content, idempotencyKey, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: sandboxFiles.id })
          .get();
        const fileId = stored?.id ?? (db.select({ id: sandboxFiles.id }).from(sandboxFiles).where(eq(sandboxFiles.idempotencyKey, idempotencyKey)).get()?.id as number);
        return storeOutbound(userId, line(fileId), idempotencyKey, now);
      });
    },

    file(fileId: number): { name: string; mimeType: string; content: Buffer } | undefined {
      return db
        .select({ name: sandboxFiles.name, mimeType: sandboxFiles.mimeType, content: sandboxFiles.content })
        .from(sandboxFiles)
        .where(eq(sandboxFiles.id, fileId))
        .get();
    },

    /** Housekeeping: transcript lines and sandbox files created before `before`. */
    purgeOlderThan(before: number): { messages: number; files: number } {
      return inSyncTransaction(db, () => ({
        messages: db.delete(sandboxMessages).where(lt(sandboxMessages.createdAt, before)).run().changes,
        files: db.delete(sandboxFiles).where(lt(sandboxFiles.createdAt, before)).run().changes,
      }));
    },

    recordInbound(userId: number, payload: unknown, now: number): number {
      return db.insert(sandboxMessages).values({ userId, direction: 'in', payload, createdAt: now, updatedAt: now }).returning({ id: sandboxMessages.id }).get().id;
    },

    transcript(userId: number, afterId: number) {
      return db
        .select({ id: sandboxMessages.id, direction: sandboxMessages.direction, payload: sandboxMessages.payload, createdAt: sandboxMessages.createdAt })
        .from(sandboxMessages)
        .where(and(eq(sandboxMessages.userId, userId), gt(sandboxMessages.id, afterId)))
        .orderBy(sandboxMessages.id)
        .all();
    },
  });
}

export type SandboxTranscript = ReturnType<typeof createSandboxTranscript>;
