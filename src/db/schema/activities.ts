import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { timestamps } from './columns.js';
import { contacts, customers, RECORD_SOURCES } from './customers.js';
import { users } from './org.js';
import { VISIT_KINDS } from '../../domain/records/vocabulary.js';

/** Re-exported so schema users keep one import path; the vocabulary itself lives in the domain. */
export { VISIT_KINDS, type VisitKind } from '../../domain/records/vocabulary.js';

export const visits = sqliteTable(
  'visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: integer('contact_id').references(() => contacts.id),
    /** Business date 'YYYY-MM-DD' (APP_TIMEZONE). */
    visitDate: text('visit_date').notNull(),
    kind: text('kind', { enum: VISIT_KINDS }).notNull(),
    notes: text('notes'),
    nextStep: text('next_step'),
    nextStepDue: text('next_step_due'),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    /** How the record was verified; the KPI template says which verifications count. */
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    /** Set when the manager marked the record 存疑 in the weekly digest (it stays 'self'); null otherwise. */
    doubtedAt: integer('doubted_at'),
    doubtedBy: integer('doubted_by').references(() => users.id),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    // Covering for the KPI aggregate (visits, distinct customers and verification slices per rep): read
    // rep by rep on the period's dates, the rows come grouped, so scoring needs no sort of the period's visits.
    index('visits_rep_date_idx').on(t.repUserId, t.visitDate, t.customerId, t.verification),
    index('visits_customer_idx').on(t.customerId, t.visitDate),
    // Scoring reads a period by a range on the business date; covering, so no row is looked up.
    index('visits_date_idx').on(t.visitDate, t.repUserId, t.verification, t.customerId),
  ],
);
