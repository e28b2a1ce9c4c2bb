import { parsePayment, type PaymentDraft } from '../../domain/commands/parse-deals.js';
import { AppError } from '../../domain/errors.js';
import { t } from '../../domain/messages/index.js';
import { customerName, field, present, yuan } from '../records/display.js';
import type { EntrySpec } from '../records/entry-spec.js';
import * as form from '../records/form-fields.js';

/**
 * 回款: money received. It is attached to the customer's newest won deal that is not fully paid
 * (or the newest won deal when all are paid), so receivables per deal stay visible.
 */
export const paymentSpec: EntrySpec<PaymentDraft> = {
  name: 'payment',
  words: ['回款', '收款', '/payment', 'payment'],
  summary: 'command.payment.summary',
  examples: ['回款 华为 2万', '回款 华为 ¥50,000 11-20'],
  needsCustomer: true,
  parseText: parsePayment,
  toValues: (d) => ({ customer: d.customer ?? '', amount: form.fenToInput(d.amountFen), paidOn: d.paidOn, note: d.note ?? '' }),
  fromValues(values, ctx) {
    const amount = form.amount(values, 'amount', ctx);
    if (!amount.ok) return amount;
    const paidOn = form.date(values, 'paidOn', ctx, 'past', 'records.kind.payment');
    if (!paidOn.ok) return paidOn;
    const note = form.note(values, 'note', 'records.field.notes');
    if (!note.ok) return note;
    return { ok: true, value: { customer: form.text(values, 'customer'), amountFen: amount.value, paidOn: paidOn.value ?? ctx.today, note: note.value } };
  },
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'amount', label: t(l, 'records.field.amount'), kind: 'text', required: true, value: values.amount ?? '' },
      { name: 'paidOn', label: t(l, 'records.field.date'), kind: 'date', value: values.paidOn || rc.parse.today },
      { name: 'note', label: t(l, 'records.field.notes'), kind: 'text', value: values.note ?? '' },
    ];
  },
  customerOf: (d) => d.customer,
  isComplete: (d) => d.amountFen !== null,
  save(rc, customer, d, source) {
    const c = customer as NonNullable<typeof customer>;
    const won = rc.services.records.wonDealsOf(c.id);
    const deal = won.find((x) => x.paidFen < x.amountFen) ?? won[0];
    if (!deal) throw new AppError('NO_WON_DEAL', 'no won deal', { params: { reasonKey: 'records.error.noWonDeal', name: c.name } });
    const row = rc.services.records.payments.insert(rc.actor, {
      dealId: deal.id,
      repUserId: rc.cmd.user.id,
      customerId: c.id,
      amountFen: d.amountFen as number,
      paidOn: d.paidOn,
      source,
      createdByUserId: rc.cmd.user.id,
      createdAt: rc.actor.now,
      updatedAt: rc.actor.now,
    });
    return { entity: 'payment', entityId: row.id };
  },
  describe(rc, id) {
    const p = rc.services.records.payments.get(id);
    if (!p) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, p.customerId);
    const deal = rc.services.records.deals.get(p.dealId);
    return {
      repUserId: p.repUserId,
      values: paymentSpec.toValues({ customer, amountFen: p.amountFen, paidOn: p.paidOn, note: null }),
      fields: present([
        field(l, 'records.field.customer', customer),
        field(l, 'records.field.amount', yuan(p.amountFen)),
        field(l, 'records.field.date', p.paidOn),
        deal !== undefined && field(l, 'records.field.deal', `#${deal.id} ${deal.title ?? ''} ${yuan(deal.amountFen)}`.replace(/\s+/g, ' ')),
        deal !== undefined && field(l, 'records.field.paid', `${yuan(rc.services.records.paidOn(deal.id))} / ${yuan(deal.amountFen)}`),
      ]),
    };
  },
  update(rc, id, d) {
    rc.services.records.payments.update(rc.actor, id, { amountFen: d.amountFen as number, paidOn: d.paidOn, updatedAt: rc.actor.now });
  },
};

