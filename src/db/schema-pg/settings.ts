// The PostgreSQL twin of ../schema/settings.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer } from 'drizzle-orm/pg-core';
import { epochMs, jsonb } from './columns.js';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  updatedByUserId: integer('updated_by_user_id'),
});
