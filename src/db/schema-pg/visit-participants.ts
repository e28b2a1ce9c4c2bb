// The PostgreSQL twin of ../schema/visit-participants.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, integer, primaryKey, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { visits } from './activities.js';
import { users } from './org.js';

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
