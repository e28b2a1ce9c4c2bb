// The PostgreSQL twin of ../schema/outbox.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, jsonb } from './columns.js';

export const outbox = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull(),
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    target: jsonb('target').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'withdrawn'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    leaseUntil: epochMs('lease_until'),
    leaseToken: text('lease_token'),
    lastError: text('last_error'),
    platformMessageId: text('platform_message_id'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
    sentAt: epochMs('sent_at'),
  },
  (t) => [uniqueIndex('outbox_idempotency_key_unique').on(t.idempotencyKey), index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);
