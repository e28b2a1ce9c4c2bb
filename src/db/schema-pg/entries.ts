// The PostgreSQL twin of ../schema/entries.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { users } from './org.js';

export const recordEntries = pgTable(
  'record_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    submissionToken: text('submission_token'),
    source: text('source').notNull(),
    createdAt: epochMs('created_at').notNull(),
    undoneAt: epochMs('undone_at'),
  },
  (t) => [uniqueIndex('record_entries_token_unique').on(t.submissionToken), index('record_entries_user_idx').on(t.userId, t.createdAt)],
);
