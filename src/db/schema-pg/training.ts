// The PostgreSQL twin of ../schema/training.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { TRAINING_KINDS, VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { epochMs, timestamps } from './columns.js';
import { RECORD_SOURCES } from './customers.js';
import { users } from './org.js';

export { TRAINING_KINDS, type TrainingKind } from '../../domain/records/vocabulary.js';

export const trainings = pgTable(
  'trainings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    course: text('course').notNull(),
    minutes: integer('minutes').notNull(),
    trainedOn: text('trained_on').notNull(),
    kind: text('kind', { enum: TRAINING_KINDS }).notNull(),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    doubtedAt: epochMs('doubted_at'),
    doubtedBy: integer('doubted_by').references(() => users.id),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('trainings_rep_date_idx').on(t.repUserId, t.trainedOn), index('trainings_date_idx').on(t.trainedOn)],
);
