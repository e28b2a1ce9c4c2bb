// The PostgreSQL twin of ../schema/finance.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { RECEIPT_MATCH_KINDS, RECEIPT_SOURCES } from '../../domain/finance/vocabulary.js';
import { epochMs, fen, timestamps } from './columns.js';
import { payments } from './deals.js';
import { users } from './org.js';

export const financeReceipts = pgTable(
  'finance_receipts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    source: text('source', { enum: RECEIPT_SOURCES }).notNull(),
    reference: text('reference').notNull(),
    receivedOn: text('received_on').notNull(),
    customerName: text('customer_name').notNull(),
    customerKey: text('customer_key').notNull(),
    amountFen: fen('amount_fen').notNull(),
    note: text('note'),
    paymentId: integer('payment_id').references(() => payments.id),
    matchKind: text('match_kind', { enum: RECEIPT_MATCH_KINDS }),
    matchedByUserId: integer('matched_by_user_id').references(() => users.id),
    matchedAt: epochMs('matched_at'),
    importedByUserId: integer('imported_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('finance_receipts_source_reference_unique').on(t.source, t.reference),
    uniqueIndex('finance_receipts_payment_unique').on(t.paymentId),
    index('finance_receipts_customer_idx').on(t.customerKey, t.receivedOn),
  ],
);

export const financeClaimRejections = pgTable('finance_claim_rejections', {
  paymentId: integer('payment_id')
    .primaryKey()
    .references(() => payments.id),
  reason: text('reason').notNull(),
  rejectedByUserId: integer('rejected_by_user_id').references(() => users.id),
  rejectedAt: epochMs('rejected_at').notNull(),
});

