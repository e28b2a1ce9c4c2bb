import { and, eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { cardRecipients } from '../schema/index.js';

type Platform = (typeof cardRecipients.$inferInsert)['platform'];

/** Who each delivered card went to, so a click on it acts only for one of them. */
export function createCardRecipients(db: Db, platform: Platform) {
  return asyncRepository(db, {
    /** Idempotent: a retried delivery records the same rows again. */
    record(cardId: string, userRefs: string[], now: number): void {
      const rows = [...new Set(userRefs)].map((userRef) => ({ platform, cardId, userRef, createdAt: now }));
      if (rows.length > 0) db.insert(cardRecipients).values(rows).onConflictDoNothing().run();
    },
    includes(cardId: string, userRef: string): boolean {
      return (
        db
          .select({ userRef: cardRecipients.userRef })
          .from(cardRecipients)
          .where(and(eq(cardRecipients.platform, platform), eq(cardRecipients.cardId, cardId), eq(cardRecipients.userRef, userRef)))
          .get() !== undefined
      );
    },
  });
}

export type CardRecipients = ReturnType<typeof createCardRecipients>;
