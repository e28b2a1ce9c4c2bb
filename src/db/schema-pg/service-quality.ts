// The PostgreSQL twin of ../schema/service-quality.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { epochMs, timestamps } from './columns.js';
import { customers, RECORD_SOURCES } from './customers.js';
import { users } from './org.js';

export const satisfactionSurveys = pgTable(
  'satisfaction_surveys',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    score: integer('score').notNull(),
    nps: integer('nps'),
    comment: text('comment'),
    surveyedOn: text('surveyed_on').notNull(),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('satisfaction_rep_date_idx').on(t.repUserId, t.surveyedOn), index('satisfaction_date_idx').on(t.surveyedOn, t.repUserId, t.verification, t.score)],
);

export const complaints = pgTable(
  'complaints',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    content: text('content').notNull(),
    receivedOn: text('received_on').notNull(),
    receivedAt: epochMs('received_at').notNull(),
    respondedAt: epochMs('responded_at'),
    closedAt: epochMs('closed_at'),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('complaints_rep_date_idx').on(t.repUserId, t.receivedOn), index('complaints_date_idx').on(t.receivedOn)],
);
