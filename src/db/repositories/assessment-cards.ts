import { and, eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import type * as schema from '../schema/index.js';

export type AssessmentCardKind = (typeof schema.assessmentCards.$inferSelect)['kind'];
type Platform = (typeof schema.assessmentCards.$inferSelect)['platform'];

/** Which copies of a card to find: an assessment's, optionally of one result and one version. */
export interface CardCopyRef {
  assessmentId: number;
  resultId?: number;
  /** The assessment version the card shows (an approval round). */
  version?: number;
}

/** Every copy of an assessment card that was queued, so each can be replaced after a decision. */
export function createAssessmentCardRepository(db: Db) {
  const { assessmentCards, outbox } = tablesOf(db);
  return asyncRepository(db, {
    /** Remembers a queued copy; the same idempotency key again is ignored. */
    async recordCopy(kind: AssessmentCardKind, ref: CardCopyRef, copy: { userId: number; platform: Platform; idempotencyKey: string; now: number }): Promise<void> {
      await db
        .insert(assessmentCards)
        .values({ assessmentId: ref.assessmentId, resultId: ref.resultId ?? null, kind, userId: copy.userId, platform: copy.platform, idempotencyKey: copy.idempotencyKey, assessmentVersion: ref.version ?? 0, createdAt: copy.now })
        .onConflictDoNothing();
    },

    /** The copies of a kind of card that the outbox has sent, with the platform's message id. */
    async sentCopies(kind: AssessmentCardKind, ref: CardCopyRef) {
      return await db
        .select({ id: assessmentCards.id, userId: assessmentCards.userId, platform: assessmentCards.platform, key: assessmentCards.idempotencyKey, messageId: outbox.platformMessageId })
        .from(assessmentCards)
        .innerJoin(outbox, eq(outbox.idempotencyKey, assessmentCards.idempotencyKey))
        .where(
          and(
            eq(assessmentCards.assessmentId, ref.assessmentId),
            eq(assessmentCards.kind, kind),
            ref.resultId === undefined ? undefined : eq(assessmentCards.resultId, ref.resultId),
            ref.version === undefined ? undefined : eq(assessmentCards.assessmentVersion, ref.version),
            eq(outbox.status, 'sent'),
          ),
        );
    },

    async markUpdated(copyId: number, messageId: string): Promise<void> {
      await db.update(assessmentCards).set({ messageId }).where(eq(assessmentCards.id, copyId));
    },
  });
}
