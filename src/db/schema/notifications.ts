import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';
import { epochMs } from './columns.js';
import { users } from './org.js';

/**
 * What a user chose to receive. Only optional pushes live here (the weekly KPI card); HR notices and
 * approvals are not optional and have no switch. No row means the defaults (subscribed).
 */
export const notificationPreferences = sqliteTable('notification_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  weeklyCard: integer('weekly_card', { mode: 'boolean' }).notNull().default(true),
  updatedAt: epochMs('updated_at').notNull(),
});
