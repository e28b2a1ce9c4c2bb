import type { PaymentDraft } from '../../domain/commands/parse-deals.js';
import { t } from '../../i18n/index.js';
import { paymentEntry } from '../../domain/records/entries/payment.js';
import { savePayment, updatePayment } from '../../features/records/payments.js';
import { customerName, field, present, yuan } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';

/** 回款 in chat; savePayment attaches it to the customer's newest won deal not fully paid. */
export const paymentForm: EntryForm<PaymentDraft> = {
  parser: paymentEntry,
  words: ['回款', '收款', '/payment', 'payment'],
  summary: 'command.payment.summary',
  examples: ['回款 华为 2万', '回款 华为 ¥50,000 11-20'],
  examplesEn: ['payment Huawei 20000', 'payment Huawei ¥50,000 11-20'],
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'amount', label: t(l, 'records.field.amount'), kind: 'text', required: true, value: values.amount ?? '' },
      { name: 'paidOn', label: t(l, 'records.field.date'), kind: 'date', value: values.paidOn || rc.parse.today },
      { name: 'note', label: t(l, 'records.field.notes'), kind: 'text', value: values.note ?? '' },
    ];
  },
  async describe(rc, id) {
    const p = await rc.services.records.payments.get(id);
    if (!p) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, p.customerId);
    const deal = await rc.services.records.deals.get(p.dealId);
    return {
      repUserId: p.repUserId,
      values: paymentEntry.toValues({ customer: await customer, amountFen: p.amountFen, paidOn: p.paidOn, note: null }),
      fields: present([
        field(l, 'records.field.customer', await customer),
        field(l, 'records.field.amount', yuan(p.amountFen)),
        field(l, 'records.field.date', p.paidOn),
        deal !== undefined && field(l, 'records.field.deal', `#${deal.id} ${deal.title ?? ''} ${yuan(deal.amountFen)}`.replace(/\s+/g, ' ')),
        deal !== undefined && field(l, 'records.field.paid', `${yuan(await rc.services.records.paidOn(deal.id))} / ${yuan(deal.amountFen)}`),
      ]),
    };
  },
  save: savePayment,
  update: updatePayment,
};
