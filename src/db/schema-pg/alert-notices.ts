// The PostgreSQL twin of ../schema/alert-notices.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

export const alertNotices = pgTable(
  'alert_notices',
  {
    alertKey: text('alert_key').primaryKey(),
    managerUserId: integer('manager_user_id').notNull(),
    digestKey: text('digest_key').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('alert_notices_created_idx').on(t.createdAt)],
);
