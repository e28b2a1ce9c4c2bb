import { eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { users, visitParticipants } from '../schema/index.js';

export interface VisitParticipant {
  userId: number;
  name: string;
}

/** 协访: the colleagues who made a visit with the customer's owner. */
export function createVisitParticipantRepository(db: Db) {
  return asyncRepository(db, {
    add(visitId: number, userId: number, now: number): void {
      db.insert(visitParticipants).values({ visitId, userId, createdAt: now }).onConflictDoNothing().run();
    },
    of(visitId: number): VisitParticipant[] {
      return db
        .select({ userId: visitParticipants.userId, name: users.name })
        .from(visitParticipants)
        .innerJoin(users, eq(users.id, visitParticipants.userId))
        .where(eq(visitParticipants.visitId, visitId))
        .all();
    },
  });
}
