import { pgTable, text, primaryKey } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Fields the org marks as required, per entity: the basis of the data-completeness share. */
export const requiredFields = pgTable(
  'required_fields',
  {
    entity: text('entity', { enum: ['customer', 'contact', 'deal'] }).notNull(),
    field: text('field').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.field] })],
);
