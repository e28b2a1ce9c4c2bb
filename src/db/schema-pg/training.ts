import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { TRAINING_KINDS, VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { epochMs, timestamps } from './columns.js';
import { RECORD_SOURCES } from './customers.js';
import { users } from './org.js';

/** Re-exported so schema users keep one import path; the vocabulary itself lives in the domain. */
export { TRAINING_KINDS, type TrainingKind } from '../../domain/records/vocabulary.js';


export const trainings = pgTable(
  'trainings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    course: text('course').notNull(),
    /** Whole minutes (1.5 小时 = 90), so hours add up exactly. */
    minutes: integer('minutes').notNull(),
    trainedOn: text('trained_on').notNull(),
    kind: text('kind', { enum: TRAINING_KINDS }).notNull(),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    /** How the record was verified; the KPI template says which verifications count. */
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    /** Set when the manager marked the record 存疑 in the weekly digest (it stays 'self'); null otherwise. */
    doubtedAt: epochMs('doubted_at'),
    doubtedBy: integer('doubted_by').references(() => users.id),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('trainings_rep_date_idx').on(t.repUserId, t.trainedOn), index('trainings_date_idx').on(t.trainedOn)],
);
