import { eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';

export interface VisitParticipant {
  userId: number;
  name: string;
}

/** 协访: the colleagues who made a visit with the customer's owner. */
export function createVisitParticipantRepository(db: Db) {
  const { users, visitParticipants } = tablesOf(db);
  return asyncRepository(db, {
    async add(visitId: number, userId: number, now: number): Promise<void> {
      await db.insert(visitParticipants).values({ visitId, userId, createdAt: now }).onConflictDoNothing();
    },
    async of(visitId: number): Promise<VisitParticipant[]> {
      return await db
        .select({ userId: visitParticipants.userId, name: users.name })
        .from(visitParticipants)
        .innerJoin(users, eq(users.id, visitParticipants.userId))
        .where(eq(visitParticipants.visitId, visitId));
    },
  });
}
