// The PostgreSQL twin of ../schema/sandbox-files.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { bytea, epochMs } from './columns.js';

export const sandboxFiles = pgTable(
  'sandbox_files',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    content: bytea('content').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('sandbox_files_idem_unique').on(t.idempotencyKey), index('sandbox_files_user_idx').on(t.userId)],
);
