import { and, asc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import type { financeReceipts } from '../schema/index.js';
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
  const { customerAliases, customers, financeClaimRejections, financeReceipts, payments, users } = tablesOf(db);
  const receipt = async (id: number): Promise<Receipt | undefined> => (await db.select().from(financeReceipts).where(eq(financeReceipts.id, id)).limit(1))[0];

  async function openClaims(ids?: number[]): Promise<OpenClaim[]> {
    const linked = (await db.select({ id: financeReceipts.paymentId }).from(financeReceipts)).flatMap((r) => (r.id === null ? [] : [r.id]));
    const rejected = (await db.select({ id: financeClaimRejections.paymentId }).from(financeClaimRejections)).map((r) => r.id);
    const rows = await db
      .select({ id: payments.id, customerId: payments.customerId, customerName: customers.name, customerKey: customers.normalizedName, repUserId: payments.repUserId, repName: users.name, amountFen: payments.amountFen, paidOn: payments.paidOn })
      .from(payments)
      .innerJoin(customers, eq(customers.id, payments.customerId))
      .innerJoin(users, eq(users.id, payments.repUserId))
      // Imported history and confirmed payments are not claims to check.
      .where(and(notInArray(payments.verification, ['finance', 'imported']), notInArray(payments.id, [...linked, ...rejected]), ids ? inArray(payments.id, ids) : undefined))
      .orderBy(asc(payments.paidOn), asc(payments.id));
    const aliases = rows.length === 0 ? [] : await db.select().from(customerAliases).where(inArray(customerAliases.customerId, [...new Set(rows.map((r) => r.customerId))]));
    return rows.map(({ customerKey, ...r }) => ({ ...r, customerKeys: [customerKey, ...aliases.filter((a) => a.customerId === r.customerId).map((a) => a.normalizedAlias)] }));
  }

  return asyncRepository(db, {
    receipt,
    openClaims,

    /** Inserts a receipt unless its 单号 is already stored for this source (then undefined). */
    async insertReceipt(actor: WriteActor, values: NewReceipt): Promise<Receipt | undefined> {
      const [row] = await db
        .insert(financeReceipts)
        .values({ ...values, importedByUserId: actor.userId, createdAt: actor.now, updatedAt: actor.now })
        .onConflictDoNothing({ target: [financeReceipts.source, financeReceipts.reference] })
        .returning();
      if (row) await writeAudit(db, actor, 'finance_receipt.create', 'finance_receipt', row.id, null, row);
      return row;
    },

    async openReceipts(): Promise<Receipt[]> {
      return await db.select().from(financeReceipts).where(isNull(financeReceipts.paymentId)).orderBy(asc(financeReceipts.receivedOn), asc(financeReceipts.id));
    },

    /** Links a receipt to the payment it confirms and marks the payment 'finance', both audited. */
    async link(actor: WriteActor, receiptId: number, paymentId: number, kind: ReceiptMatchKind): Promise<void> {
      const before = await receipt(receiptId);
      await db.update(financeReceipts).set({ paymentId, matchKind: kind, matchedByUserId: actor.userId, matchedAt: actor.now, updatedAt: actor.now }).where(eq(financeReceipts.id, receiptId));
      await writeAudit(db, actor, `finance_receipt.match_${kind}`, 'finance_receipt', receiptId, before, await receipt(receiptId));
      const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId)).limit(1);
      await db.update(payments).set({ verification: 'finance', updatedAt: actor.now }).where(eq(payments.id, paymentId));
      await writeAudit(db, actor, 'payment.verify_finance', 'payment', paymentId, payment, { ...payment, verification: 'finance', updatedAt: actor.now, receiptId });
    },

    async reject(actor: WriteActor, paymentId: number, reason: string): Promise<void> {
      const row = { paymentId, reason, rejectedByUserId: actor.userId, rejectedAt: actor.now };
      await db.insert(financeClaimRejections).values(row);
      await writeAudit(db, actor, 'payment.finance_reject', 'payment', paymentId, null, row);
    },
  });
}

export type FinanceRepository = ReturnType<typeof createFinanceRepository>;
