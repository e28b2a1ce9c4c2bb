// The PostgreSQL twin of ../schema/system.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, jsonb } from './columns.js';

export const processedEvents = pgTable(
  'processed_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: epochMs('received_at').notNull(),
    status: text('status', { enum: ['received', 'done', 'failed'] }).notNull().default('done'),
    event: jsonb('event'),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index('processed_events_received_idx').on(t.receivedAt)],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    job: text('job').notNull(),
    periodKey: text('period_key').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual', 'catch-up', 'cli'] }).notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'idle', 'failed'] }).notNull(),
    startedAt: epochMs('started_at').notNull(),
    finishedAt: epochMs('finished_at'),
    result: jsonb('result'),
    error: text('error'),
    progressDone: integer('progress_done'),
    progressTotal: integer('progress_total'),
  },
  (t) => [uniqueIndex('job_runs_job_period_unique').on(t.job, t.periodKey)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: epochMs('at').notNull(),
    actorUserId: integer('actor_user_id'),
    source: text('source').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

export const sandboxMessages = pgTable(
  'sandbox_messages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    payload: jsonb('payload').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('sandbox_messages_user_idx').on(t.userId, t.id), uniqueIndex('sandbox_messages_idem_unique').on(t.idempotencyKey)],
);

export const dingtalkCallbackReplays = pgTable(
  'dingtalk_callback_replays',
  {
    route: text('route', { enum: ['robot', 'card'] }).notNull(),
    signedAt: epochMs('signed_at').notNull(),
    signature: text('signature').notNull(),
    bodySha256: text('body_sha256').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.route, t.signedAt, t.signature] }), index('dingtalk_callback_replays_signed_idx').on(t.signedAt)],
);

export const cardRecipients = pgTable(
  'card_recipients',
  {
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    cardId: text('card_id').notNull(),
    userRef: text('user_ref').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.cardId, t.userRef] })],
);
