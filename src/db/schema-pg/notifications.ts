import { pgTable, integer, boolean } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { users } from './org.js';

/**
 * What a user chose to receive. Only optional pushes live here (the weekly KPI card); HR notices and
 * approvals are not optional and have no switch. No row means the defaults (subscribed).
 */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  weeklyCard: boolean('weekly_card').notNull().default(true),
  updatedAt: epochMs('updated_at').notNull(),
});
