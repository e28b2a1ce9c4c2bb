// The PostgreSQL twin of ../schema/data-quality.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, primaryKey } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

export const requiredFields = pgTable(
  'required_fields',
  {
    entity: text('entity', { enum: ['customer', 'contact', 'deal'] }).notNull(),
    field: text('field').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.field] })],
);
