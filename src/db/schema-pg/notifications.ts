// The PostgreSQL twin of ../schema/notifications.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, integer, boolean } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { users } from './org.js';

export const notificationPreferences = pgTable('notification_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  weeklyCard: boolean('weekly_card').notNull().default(true),
  updatedAt: epochMs('updated_at').notNull(),
});
