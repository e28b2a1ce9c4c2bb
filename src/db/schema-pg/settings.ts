import { pgTable, text, integer, jsonb } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/**
 * Settings an admin changes at run time (e.g. `alerts.noVisitWorkingDays`), each overriding the
 * environment's default while the row exists. The value is JSON so a setting may be any shape.
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  updatedByUserId: integer('updated_by_user_id'),
});
