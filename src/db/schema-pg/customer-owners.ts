import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { customers } from './customers.js';
import { departments, users } from './org.js';
import { OWNERSHIP_REASONS } from '../../domain/customers/ownership.js';

export { OWNERSHIP_REASONS, type OwnershipReason } from '../../domain/customers/ownership.js';

/**
 * Who owned a customer when: one row per stretch of ownership, [from_ms, to_ms) with to_ms null for
 * the current one. The KPI engine credits a record to the owner at the record's instant, so a
 * handover never moves credit already earned. A pool stretch (公海) has no owner and names the
 * department whose reps may claim it.
 */
export const customerOwners = pgTable(
  'customer_owners',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    departmentId: integer('department_id').references(() => departments.id),
    fromMs: epochMs('from_ms').notNull(),
    toMs: epochMs('to_ms'),
    reason: text('reason', { enum: OWNERSHIP_REASONS }).notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
  },
  (t) => [index('customer_owners_customer_idx').on(t.customerId, t.fromMs), index('customer_owners_owner_open_idx').on(t.ownerUserId, t.toMs)],
);
