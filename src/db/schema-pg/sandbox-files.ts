import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { bytea, epochMs } from './columns.js';

/**
 * Files the sandbox channel "sent" (e.g. the assessment export): the transcript carries only the
 * name and size, the page downloads the bytes from /sandbox/api/files/:id.
 */
export const sandboxFiles = pgTable(
  'sandbox_files',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    content: bytea('content').notNull(),
    /** The delivery's key: an outbox retry stores the file once. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('sandbox_files_idem_unique').on(t.idempotencyKey), index('sandbox_files_user_idx').on(t.userId)],
);
