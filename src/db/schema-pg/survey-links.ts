// The PostgreSQL twin of ../schema/survey-links.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { customers } from './customers.js';
import { complaints, satisfactionSurveys } from './service-quality.js';
import { users } from './org.js';

export const surveyLinks = pgTable(
  'survey_links',
  {
    id: text('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    contactName: text('contact_name'),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    answeredAt: epochMs('answered_at'),
    surveyId: integer('survey_id').references(() => satisfactionSurveys.id),
    complaintId: integer('complaint_id').references(() => complaints.id),
  },
  (t) => [index('survey_links_customer_idx').on(t.customerId), index('survey_links_survey_idx').on(t.surveyId)],
);
