// The PostgreSQL twin of ../schema/activities.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { epochMs, timestamps } from './columns.js';
import { contacts, customers, RECORD_SOURCES } from './customers.js';
import { users } from './org.js';
import { VISIT_KINDS } from '../../domain/records/vocabulary.js';

export { VISIT_KINDS, type VisitKind } from '../../domain/records/vocabulary.js';

export const visits = pgTable(
  'visits',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: integer('contact_id').references(() => contacts.id),
    visitDate: text('visit_date').notNull(),
    kind: text('kind', { enum: VISIT_KINDS }).notNull(),
    notes: text('notes'),
    nextStep: text('next_step'),
    nextStepDue: text('next_step_due'),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    doubtedAt: epochMs('doubted_at'),
    doubtedBy: integer('doubted_by').references(() => users.id),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('visits_rep_date_idx').on(t.repUserId, t.visitDate, t.customerId, t.verification),
    index('visits_customer_idx').on(t.customerId, t.visitDate),
    index('visits_date_idx').on(t.visitDate, t.repUserId, t.verification, t.customerId),
  ],
);
