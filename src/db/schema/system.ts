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
    /**
     * 'received': stored before the transport acknowledged, not handled yet (a crash leaves it so, and
     * the next start handles it from `event`); 'done': handled, `event` dropped; 'failed': its handling
     * failed every time it was tried (RESUME_MAX_ATTEMPTS), kept with its `event` for an operator.
     */
    status: text('status', { enum: ['received', 'done', 'failed'] }).notNull().default('done'),
    event: text('event', { mode: 'json' }),
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
    /** Progress of a long run (e.g. recipients done of total), kept in the row so another process (CLI run, second instance) can show it. */
    progressDone: integer('progress_done'),
    progressTotal: integer('progress_total'),
  },
  (t) => [uniqueIndex('job_runs_job_period_unique').on(t.job, t.periodKey)],
);

/** Append-only record of every change: who, when, from which source, before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: epochMs('at').notNull(),
    actorUserId: integer('actor_user_id'),
    /** 'feishu' | 'dingtalk' | 'sandbox' | 'h5' | 'admin-api' | 'cli' | 'import' | 'job' */
    source: text('source').notNull(),
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

/**
 * DingTalk's HTTP callbacks sign only the timestamp (robot `sign`, card `x-ddpaas-signature`), and a
 * signature stays valid for an hour. Each accepted (timestamp, signature) is bound here to the
 * SHA-256 of the body it came with: the same body again is a duplicate, another body is a forgery.
 * The primary key makes the binding atomic (insert-or-ignore, then compare), across processes too.
 * Rows are purged once their signed timestamp is out of the window (housekeeping job).
 */
export const dingtalkCallbackReplays = sqliteTable(
  'dingtalk_callback_replays',
  {
    /** 'robot' (HTTP robot message) or 'card' (HTTP card callback): different secrets, separate keys. */
    route: text('route', { enum: ['robot', 'card'] }).notNull(),
    /** The signed timestamp header, epoch ms. */
    signedAt: epochMs('signed_at').notNull(),
    signature: text('signature').notNull(),
    bodySha256: text('body_sha256').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.route, t.signedAt, t.signature] }), index('dingtalk_callback_replays_signed_idx').on(t.signedAt)],
);

/**
 * Who a card was delivered to, per platform card id (DingTalk outTrackId): a card callback acts only
 * for one of them. A 1:1 card has its user; a group card the user whose command produced it. Kept as
 * long as the card can be clicked (no purge).
 */
export const cardRecipients = sqliteTable(
  'card_recipients',
  {
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    cardId: text('card_id').notNull(),
    userRef: text('user_ref').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.cardId, t.userRef] })],
);
