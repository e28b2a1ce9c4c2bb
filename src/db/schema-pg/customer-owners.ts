// The PostgreSQL twin of ../schema/customer-owners.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { customers } from './customers.js';
import { departments, users } from './org.js';
import { OWNERSHIP_REASONS } from '../../domain/customers/ownership.js';

export { OWNERSHIP_REASONS, type OwnershipReason } from '../../domain/customers/ownership.js';

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
