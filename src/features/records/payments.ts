import type { PaymentDraft } from '../../domain/commands/parse-deals.js';
import { paymentEntry } from '../../domain/records/entries/payment.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerNameOf, saveEntry, updateEntry, type EntryInput, type EntryStore, type EntryUpdate, type SavedEntry } from './entry-writer.js';
import { refuse } from './refusals.js';
import type { Payment } from './stores.js';

const paymentStore: EntryStore<PaymentDraft, Payment> = {
  parser: paymentEntry,
  read: async (w, id) => await w.stores.records.payments.get(id),
  ownerOf: (_w, p) => p.repUserId,
  valuesOf: async (w, p) => paymentEntry.toValues({ customer: await customerNameOf(w, p.customerId), amountFen: p.amountFen, paidOn: p.paidOn, note: null }),
  async insert(w, customer, d, source) {
    const c = customer as NonNullable<typeof customer>;
    const won = await w.stores.records.wonDealsOf(c.id);
    const deal = won.find((x) => x.paidFen < x.amountFen) ?? won[0];
    if (!deal) throw refuse('NO_WON_DEAL', 'records.error.noWonDeal', { name: c.name });
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
};

/**
 * 回款: money received, attached to the customer's newest won deal that is not fully paid (or the
 * newest won deal when all are paid), so receivables per deal stay visible.
 */
export const savePayment = (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Payment>> => saveEntry(paymentStore, deps, actor, input);
export const updatePayment = (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Payment> => updateEntry(paymentStore, deps, actor, input);
