import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { users } from './org.js';

/**
 * One row per entry a person made (a visit logged, a deal won, a stage moved...): what "undo my last
 * entry" reverts, and where a card submission's token is made unique so a double click or a platform
 * retry with a new event id stores the record once.
 */
export const recordEntries = pgTable(
  'record_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** visit | deal | opportunity | stage | payment | customer | survey | complaint | training */
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    /** Carried in the card's action args; null for typed entries (the event id dedupes those). */
    submissionToken: text('submission_token'),
    source: text('source').notNull(),
    createdAt: epochMs('created_at').notNull(),
    undoneAt: epochMs('undone_at'),
  },
  (t) => [uniqueIndex('record_entries_token_unique').on(t.submissionToken), index('record_entries_user_idx').on(t.userId, t.createdAt)],
);
