import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { epochMs } from './columns.js';

/**
 * Inbound events already handled. Insert-or-ignore on (platform, event_id) makes each event run once,
 * across restarts. Rows are kept 8 days: longer than Feishu's 7-hour retry window and DingTalk's
 * re-push window, short enough to keep the table small.
 */
export const processedEvents = sqliteTable(
  'processed_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index('processed_events_received_idx').on(t.receivedAt)],
);

/** One row per job and period: a restart, an overlap or a second instance cannot run a period twice. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    periodKey: text('period_key').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual', 'catch-up', 'cli'] }).notNull(),
    /** idle: the run found nothing to do (no org, nobody to send to); like failed, it leaves the period open. */
    status: text('status', { enum: ['running', 'succeeded', 'idle', 'failed'] }).notNull(),
    startedAt: epochMs('started_at').notNull(),
    finishedAt: epochMs('finished_at'),
    result: text('result', { mode: 'json' }),
    error: text('error'),
  },
  (t) => [uniqueIndex('job_runs_job_period_unique').on(t.job, t.periodKey)],
);

/** Append-only record of every change: who, when, through which channel, before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: epochMs('at').notNull(),
    actorUserId: integer('actor_user_id'),
    /** 'feishu' | 'dingtalk' | 'sandbox' | 'h5' | 'admin-api' | 'cli' | 'import' | 'job' */
    channel: text('channel').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

/** The sandbox channel's chat transcript: what each demo user typed and what the bot answered. */
export const sandboxMessages = sqliteTable(
  'sandbox_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** The neutral Reply (text or card) for 'out', the typed text or action for 'in'. */
    payload: text('payload', { mode: 'json' }).notNull(),
    idempotencyKey: text('idempotency_key'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('sandbox_messages_user_idx').on(t.userId, t.id), uniqueIndex('sandbox_messages_idem_unique').on(t.idempotencyKey)],
);
