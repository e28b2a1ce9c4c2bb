import { pgTable, text, integer, jsonb, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/**
 * Every outbound message that is not answered within its request goes through here: a crash, a 429
 * or a 5xx delays a message, it never loses or doubles it. The idempotency key is unique (enqueueing
 * the same key twice stores one row) and is passed to the platform as its dedupe key (Feishu uuid),
 * which covers a crash between the platform accepting a message and this row being marked sent.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull(),
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    /** {"kind":"user","recipient":{...}}, {"kind":"conversation","conversation":{...}} or {"kind":"message","messageId":"..."} (a card to replace) */
    target: jsonb('target').notNull(),
    /** The neutral Reply; rendered by the channel at send time. */
    payload: jsonb('payload').notNull(),
    /** 'withdrawn': taken back before it was sent (e.g. the 喜报 of a deal undone first); never sent, never retried. */
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'withdrawn'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    /** While 'sending': until when this sender owns the row; after that another may take it over. */
    leaseUntil: epochMs('lease_until'),
    /**
     * A fresh random token per claim: completing, failing or rescheduling needs it, so a sender whose
     * lease was taken over (a slow send outliving leaseMs) changes nothing.
     */
    leaseToken: text('lease_token'),
    lastError: text('last_error'),
    platformMessageId: text('platform_message_id'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
    sentAt: epochMs('sent_at'),
  },
  (t) => [uniqueIndex('outbox_idempotency_key_unique').on(t.idempotencyKey), index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);
