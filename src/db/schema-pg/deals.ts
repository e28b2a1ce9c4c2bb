// The PostgreSQL twin of ../schema/deals.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { DEAL_STAGES, VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { epochMs, fen, timestamps } from './columns.js';
import { customers, RECORD_SOURCES, salesChannels } from './customers.js';
import { users } from './org.js';

export { DEAL_STAGES, type DealStage } from '../../domain/records/vocabulary.js';

export const deals = pgTable(
  'deals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    title: text('title'),
    amountFen: fen('amount_fen').notNull(),
    stage: text('stage', { enum: DEAL_STAGES }).notNull(),
    expectedCloseDate: text('expected_close_date'),
    salesChannelId: integer('sales_channel_id').references(() => salesChannels.id),
    wonOn: text('won_on'),
    lostOn: text('lost_on'),
    lossReason: text('loss_reason'),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('deals_rep_won_idx').on(t.repUserId, t.wonOn),
    index('deals_rep_stage_idx').on(t.repUserId, t.stage),
    index('deals_customer_idx').on(t.customerId),
    index('deals_channel_won_idx').on(t.salesChannelId, t.wonOn),
    index('deals_won_on_idx').on(t.wonOn, t.stage, t.repUserId, t.amountFen),
    index('deals_lost_on_idx').on(t.lostOn, t.stage, t.repUserId),
    index('deals_created_idx').on(t.createdAt, t.repUserId),
  ],
);

export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: DEAL_STAGES }),
    toStage: text('to_stage', { enum: DEAL_STAGES }).notNull(),
    changedOn: text('changed_on').notNull(),
    changedAt: epochMs('changed_at').notNull(),
    changedByUserId: integer('changed_by_user_id').references(() => users.id),
  },
  (t) => [index('deal_stage_history_deal_idx').on(t.dealId, t.changedAt)],
);

export const payments = pgTable(
  'payments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    amountFen: fen('amount_fen').notNull(),
    paidOn: text('paid_on').notNull(),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('payments_rep_date_idx').on(t.repUserId, t.paidOn),
    index('payments_deal_idx').on(t.dealId),
    index('payments_date_idx').on(t.paidOn, t.repUserId, t.verification, t.amountFen),
  ],
);
