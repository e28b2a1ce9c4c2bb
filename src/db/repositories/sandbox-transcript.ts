import { and, eq, gt, lt } from 'drizzle-orm';
import { asyncRepository, inTransaction, type Db } from '../client.js';
import { affected, tablesOf } from '../dialect.js';

/**
 * The sandbox channel's transcript (sandbox_messages) and the files it "sent" (sandbox_files).
 * Implements SandboxTranscriptStore (src/platforms/sandbox/stores.ts), passed in by app.ts.
 */
export function createSandboxTranscript(db: Db) {
  const { sandboxFiles, sandboxMessages } = tablesOf(db);

  async function storeOutbound(userId: number, payload: unknown, idempotencyKey: string, now: number): Promise<number> {
    // The idempotency key makes a repeated delivery (outbox retry) land once.
    const [inserted] = await db
      .insert(sandboxMessages)
      .values({ userId, direction: 'out', payload, idempotencyKey, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: sandboxMessages.id });
    if (inserted) return inserted.id;
    const [stored] = await db.select({ id: sandboxMessages.id }).from(sandboxMessages).where(eq(sandboxMessages.idempotencyKey, idempotencyKey)).limit(1);
    return stored?.id as number;
  }

  return asyncRepository(db, {
    storeOutbound,

    async replacePayload(lineId: number, payload: unknown, now: number): Promise<void> {
      await db.update(sandboxMessages).set({ payload, updatedAt: now }).where(eq(sandboxMessages.id, lineId));
    },

    async storeFile(userId: number, file: { name: string; mimeType: string; content: Buffer }, idempotencyKey: string, now: number, line: (fileId: number) => unknown): Promise<number> {
      // One transaction: the bytes and the transcript line land together, once per key.
      return inTransaction(db, async () => {
        const [inserted] = await db
          .insert(sandboxFiles)
          .values({ userId, name: file.name, mimeType: file.mimeType, content: file.content, idempotencyKey, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: sandboxFiles.id });
        const fileId = inserted?.id ?? ((await db.select({ id: sandboxFiles.id }).from(sandboxFiles).where(eq(sandboxFiles.idempotencyKey, idempotencyKey)).limit(1))[0]?.id as number);
        return storeOutbound(userId, line(fileId), idempotencyKey, now);
      });
    },

    async file(fileId: number): Promise<{ name: string; mimeType: string; content: Buffer } | undefined> {
      return (
        await db
          .select({ name: sandboxFiles.name, mimeType: sandboxFiles.mimeType, content: sandboxFiles.content })
          .from(sandboxFiles)
          .where(eq(sandboxFiles.id, fileId))
          .limit(1)
      )[0];
    },

    /** Housekeeping: transcript lines and sandbox files created before `before`. */
    async purgeOlderThan(before: number): Promise<{ messages: number; files: number }> {
      return inTransaction(db, async () => ({
        messages: affected(await db.delete(sandboxMessages).where(lt(sandboxMessages.createdAt, before))),
        files: affected(await db.delete(sandboxFiles).where(lt(sandboxFiles.createdAt, before))),
      }));
    },

    async recordInbound(userId: number, payload: unknown, now: number): Promise<number> {
      const [row] = await db.insert(sandboxMessages).values({ userId, direction: 'in', payload, createdAt: now, updatedAt: now }).returning({ id: sandboxMessages.id });
      return row!.id;
    },

    async transcript(userId: number, afterId: number) {
      return await db
        .select({ id: sandboxMessages.id, direction: sandboxMessages.direction, payload: sandboxMessages.payload, createdAt: sandboxMessages.createdAt })
        .from(sandboxMessages)
        .where(and(eq(sandboxMessages.userId, userId), gt(sandboxMessages.id, afterId)))
        .orderBy(sandboxMessages.id);
    },
  });
}

export type SandboxTranscript = ReturnType<typeof createSandboxTranscript>;
