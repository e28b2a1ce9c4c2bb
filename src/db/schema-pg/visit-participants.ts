import { pgTable, integer, primaryKey, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { visits } from './activities.js';
import { users } from './org.js';

/**
 * 协访: colleagues who made a visit together with the customer's owner. The visit's rep stays the
 * owner (so the owner's lists and timeline show it); each participant counts the visit in their own
 * KPI visit measures too. Undoing the visit removes its participants.
 */
export const visitParticipants = pgTable(
  'visit_participants',
  {
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.userId] }), index('visit_participants_user_idx').on(t.userId)],
);
