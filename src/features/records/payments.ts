import type { PaymentDraft } from '../../domain/commands/parse-deals.js';
import { paymentEntry } from '../../domain/records/entries/payment.js';
import { formatYuan } from '../../domain/commands/amount.js';
import { problem, ProblemError } from '../../domain/problem.js';
import { CONFIRM_OVERPAY_FIELD, OVERPAY_CONFIRMATION, overpaymentOf } from '../../domain/records/overpayment.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerNameOf, saveEntry, updateEntry, type EntryInput, type EntryStore, type EntryUpdate, type SavedEntry } from './entry-writer.js';
import { refuse } from './refusals.js';
import type { Payment } from './stores.js';

/** Refuses a payment over the deal's amount unless `confirmed`; the reply states amount, paid and excess. */
function checkOverpay(deal: { id: number; amountFen: number; paidFen: number }, amountFen: number, confirmed: boolean): void {
  const over = overpaymentOf(deal.amountFen, deal.paidFen, amountFen);
  if (!over || confirmed) return;
  const money = (fen: number) => `¥${formatYuan(fen)}`;
  throw new ProblemError(
    problem(OVERPAY_CONFIRMATION, 'records.payment.overpay', {
      dealId: deal.id,
      amount: money(over.amountFen),
      deal: money(over.dealAmountFen),
      paid: money(over.paidFen),
      excess: money(over.excessFen),
    }),
    { status: 409 },
  );
}

const paymentStoreOf = (confirmOverpay: boolean): EntryStore<PaymentDraft, Payment> => ({
  parser: paymentEntry,
  read: async (w, id) => await w.stores.records.payments.get(id),
  ownerOf: (_w, p) => p.repUserId,
  valuesOf: async (w, p) => paymentEntry.toValues({ customer: await customerNameOf(w, p.customerId), amountFen: p.amountFen, paidOn: p.paidOn, note: null }),
  async insert(w, customer, d, source) {
    const c = customer as NonNullable<typeof customer>;
    const won = await w.stores.records.wonDealsOf(c.id);
    const deal = won.find((x) => x.paidFen < x.amountFen) ?? won[0];
    if (!deal) throw refuse('NO_WON_DEAL', 'records.error.noWonDeal', { name: c.name });
    checkOverpay(deal, d.amountFen as number, confirmOverpay);
    const row = await w.stores.records.payments.insert(w.audit, {
      dealId: deal.id,
      repUserId: w.actor.user.id,
      customerId: c.id,
      amountFen: d.amountFen as number,
      paidOn: d.paidOn,
      source,
      createdByUserId: w.actor.user.id,
      createdAt: w.audit.now,
      updatedAt: w.audit.now,
    });
    return { entity: 'payment', entityId: row.id };
  },
  async update(w, id, d) {
    await w.stores.records.payments.update(w.audit, id, { amountFen: d.amountFen as number, paidOn: d.paidOn, updatedAt: w.audit.now });
  },
});
const paymentStore = paymentStoreOf(false);

/**
 * 回款: money received, attached to the customer's newest won deal that is not fully paid (or the
 * newest won deal when all are paid), so receivables per deal stay visible. A payment taking the deal
 * past its amount is refused with OVERPAY_NEEDS_CONFIRMATION unless the values carry confirmOverpay=true.
 */
export const savePayment = async (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Payment>> =>
  await saveEntry(input.values[CONFIRM_OVERPAY_FIELD] === 'true' ? paymentStoreOf(true) : paymentStore, deps, actor, input);
export const updatePayment = async (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Payment> => await updateEntry(paymentStore, deps, actor, input);
