import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { customers } from './customers.js';
import { complaints, satisfactionSurveys } from './service-quality.js';
import { users } from './org.js';

/**
 * A satisfaction survey link a rep forwards to a customer (issue 17): one answer, until it expires.
 * The id is random and travels in the URL with an HMAC of it, so a guessed or edited id is refused
 * before the table is read.
 */
export const surveyLinks = pgTable(
  'survey_links',
  {
    id: text('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Whom the rep asks (李总), as typed; optional. */
    contactName: text('contact_name'),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    answeredAt: epochMs('answered_at'),
    /** The answer this link produced. */
    surveyId: integer('survey_id').references(() => satisfactionSurveys.id),
    /** The complaint a manager made of the answer (转为投诉), at most one. */
    complaintId: integer('complaint_id').references(() => complaints.id),
  },
  (t) => [index('survey_links_customer_idx').on(t.customerId), index('survey_links_survey_idx').on(t.surveyId)],
);
