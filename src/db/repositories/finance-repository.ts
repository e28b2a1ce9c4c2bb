import { and, asc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { customerAliases, customers, financeClaimRejections, financeReceipts, payments, users } from '../schema/index.js';
import type { ReceiptMatchKind, ReceiptSource } from '../../domain/finance/vocabulary.js';
import { writeAudit, type WriteActor } from './audited-store.js';

export type Receipt = typeof financeReceipts.$inferSelect;

export interface NewReceipt {
  source: ReceiptSource;
  reference: string;
  receivedOn: string;
  customerName: string;
  customerKey: string;
  amountFen: number;
  note: string | null;
}

/** A payment a rep claimed that finance has not confirmed, rejected or linked yet. */
export interface OpenClaim {
  id: number;
  customerId: number;
  customerName: string;
  customerKeys: string[];
  repUserId: number;
  repName: string;
  amountFen: number;
  paidOn: string;
}

/** Receipts, their links to payments and the claims finance rejected; every change audited. */
export function createFinanceRepository(db: Db) {
  const receipt = (id: number): Receipt | undefined => db.select().from(financeReceipts).where(eq(financeReceipts.id, id)).get();

  function openClaims(ids?: number[]): OpenClaim[] {
    const linked = db.select({ id: financeReceipts.paymentId }).from(financeReceipts).all().flatMap((r) => (r.id === null ? [] : [r.id]));
    const rejected = db.select({ id: financeClaimRejections.paymentId }).from(financeClaimRejections).all().map((r) => r.id);
    const rows = db
      .select({ id: payments.id, customerId: payments.customerId, customerName: customers.name, customerKey: customers.normalizedName, repUserId: payments.repUserId, repName: users.name, amountFen: payments.amountFen, paidOn: payments.paidOn })
      .from(payments)
      .innerJoin(customers, eq(customers.id, payments.customerId))
      .innerJoin(users, eq(users.id, payments.repUserId))
      // Imported history and confirmed payments are not claims to check.
      .where(and(notInArray(payments.verification, ['finance', 'imported']), notInArray(payments.id, [...linked, ...rejected]), ids ? inArray(payments.id, ids) : undefined))
      .orderBy(asc(payments.paidOn), asc(payments.id))
      .all();
    const aliases = rows.length === 0 ? [] : db.select().from(customerAliases).where(inArray(customerAliases.customerId, [...new Set(rows.map((r) => r.customerId))])).all();
    return rows.map(({ customerKey, ...r }) => ({ ...r, customerKeys: [customerKey, ...aliases.filter((a) => a.customerId === r.customerId).map((a) => a.normalizedAlias)] }));
  }

  return asyncRepository(db, {
    receipt,
    openClaims,

    /** Inserts a receipt unless its 单号 is already stored for this source (then undefined). */
    insertReceipt(actor: WriteActor, values: NewReceipt): Receipt | undefined {
      const row = db
        .insert(financeReceipts)
        .values({ ...values, importedByUserId: actor.userId, createdAt: actor.now, updatedAt: actor.now })
        .onConflictDoNothing({ target: [financeReceipts.source, financeReceipts.reference] })
        .returning()
        .get();
      if (row) writeAudit(db, actor, 'finance_receipt.create', 'finance_receipt', row.id, null, row);
      return row;
    },

    openReceipts(): Receipt[] {
      return db.select().from(financeReceipts).where(isNull(financeReceipts.paymentId)).orderBy(asc(financeReceipts.receivedOn), asc(financeReceipts.id)).all();
    },

    /** Links a receipt to the payment it confirms and marks the payment 'finance', both audited. */
    link(actor: WriteActor, receiptId: number, paymentId: number, kind: ReceiptMatchKind): void {
      const before = receipt(receiptId);
      db.update(financeReceipts).set({ paymentId, matchKind: kind, matchedByUserId: actor.userId, matchedAt: actor.now, updatedAt: actor.now }).where(eq(financeReceipts.id, receiptId)).run();
      writeAudit(db, actor, `finance_receipt.match_${kind}`, 'finance_receipt', receiptId, before, receipt(receiptId));
      const payment = db.select().from(payments).where(eq(payments.id, paymentId)).get();
      db.update(payments).set({ verification: 'finance', updatedAt: actor.now }).where(eq(payments.id, paymentId)).run();
      writeAudit(db, actor, 'payment.verify_finance', 'payment', paymentId, payment, { ...payment, verification: 'finance', updatedAt: actor.now, receiptId });
    },

    reject(actor: WriteActor, paymentId: number, reason: string): void {
      const row = { paymentId, reason, rejectedByUserId: actor.userId, rejectedAt: actor.now };
      db.insert(financeClaimRejections).values(row).run();
      writeAudit(db, actor, 'payment.finance_reject', 'payment', paymentId, null, row);
    },
  });
}

export type FinanceRepository = ReturnType<typeof createFinanceRepository>;
