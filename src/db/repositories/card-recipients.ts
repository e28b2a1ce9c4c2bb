import { and, eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import type { cardRecipients } from '../schema/index.js';

type Platform = (typeof cardRecipients.$inferInsert)['platform'];

/** Who each delivered card went to, so a click on it acts only for one of them. */
export function createCardRecipients(db: Db, platform: Platform) {
  const { cardRecipients } = tablesOf(db);
  return asyncRepository(db, {
    /** Idempotent: a retried delivery records the same rows again. */
    async record(cardId: string, userRefs: string[], now: number): Promise<void> {
      const rows = [...new Set(userRefs)].map((userRef) => ({ platform, cardId, userRef, createdAt: now }));
      if (rows.length > 0) await db.insert(cardRecipients).values(rows).onConflictDoNothing();
    },
    async includes(cardId: string, userRef: string): Promise<boolean> {
      const found = await db
        .select({ userRef: cardRecipients.userRef })
        .from(cardRecipients)
        .where(and(eq(cardRecipients.platform, platform), eq(cardRecipients.cardId, cardId), eq(cardRecipients.userRef, userRef)))
        .limit(1);
      return found.length > 0;
    },
  });
}

export type CardRecipients = ReturnType<typeof createCardRecipients>;
