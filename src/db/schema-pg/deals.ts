import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { DEAL_STAGES, VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { epochMs, fen, timestamps } from './columns.js';
import { customers, RECORD_SOURCES, salesChannels } from './customers.js';
import { users } from './org.js';

/** Re-exported so schema users keep one import path; the vocabulary itself lives in the domain. */
export { DEAL_STAGES, type DealStage } from '../../domain/records/vocabulary.js';

/** Deals and opportunities are one table: a won deal is an opportunity in stage 'won'. */
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
    /** CNY in fen (1 yuan = 100 fen), exact integers. */
    amountFen: fen('amount_fen').notNull(),
    stage: text('stage', { enum: DEAL_STAGES }).notNull(),
    expectedCloseDate: text('expected_close_date'),
    /** Copied from the customer when the deal is created, so channel analysis survives a customer's channel change. */
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
    // Scoring reads won, lost and created deals by three date ranges (covering), not by a scan of every deal.
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
    /** Null for the stage a deal was created in. */
    fromStage: text('from_stage', { enum: DEAL_STAGES }),
    toStage: text('to_stage', { enum: DEAL_STAGES }).notNull(),
    changedOn: text('changed_on').notNull(),
    changedAt: epochMs('changed_at').notNull(),
    changedByUserId: integer('changed_by_user_id').references(() => users.id),
  },
  (t) => [index('deal_stage_history_deal_idx').on(t.dealId, t.changedAt)],
);

/** 回款. rep and customer are copied from the deal so per-rep aggregation needs no join. */
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
    /** How the record was verified; the KPI template says which verifications count. */
    verification: text('verification', { enum: VERIFICATIONS }).notNull().default('self'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('payments_rep_date_idx').on(t.repUserId, t.paidOn),
    index('payments_deal_idx').on(t.dealId),
    // Scoring's range on the payment date, covering the per-rep sums.
    index('payments_date_idx').on(t.paidOn, t.repUserId, t.verification, t.amountFen),
  ],
);
