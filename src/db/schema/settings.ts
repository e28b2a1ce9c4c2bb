import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { epochMs } from './columns.js';

/**
 * Settings an admin changes at run time (e.g. `alerts.noVisitWorkingDays`), each overriding the
 * environment's default while the row exists. The value is JSON so a setting may be any shape.
 */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  updatedByUserId: integer('updated_by_user_id'),
});
