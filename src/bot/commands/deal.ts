import { parseDeal, type DealDraft } from '../../domain/commands/parse-deals.js';
import { t } from '../../domain/messages/index.js';
import { customerName, field, present, yuan } from '../records/display.js';
import type { EntrySpec } from '../records/entry-spec.js';
import { openDeal } from '../records/open-deal.js';
import * as form from '../records/form-fields.js';

/** 成交: a won deal in one message. Stored as a deal in stage 赢单 with its stage history. */
export const dealSpec: EntrySpec<DealDraft> = {
  name: 'deal',
  words: ['成交', '签单', '/deal', 'deal'],
  summary: 'command.deal.summary',
  examples: ['成交 华为 5万', '成交 华为 ¥128,000 二期项目 昨天'],
  needsCustomer: true,
  parseText: parseDeal,
  toValues: (d) => ({ customer: d.customer ?? '', amount: form.fenToInput(d.amountFen), wonOn: d.wonOn, title: d.title ?? '' }),
  fromValues(values, ctx) {
    const amount = form.amount(values, 'amount', ctx);
    if (!amount.ok) return amount;
    const wonOn = form.date(values, 'wonOn', ctx, 'past', 'records.kind.deal');
    if (!wonOn.ok) return wonOn;
    const title = form.note(values, 'title', 'records.field.title');
    if (!title.ok) return title;
    return { ok: true, value: { customer: form.text(values, 'customer'), amountFen: amount.value, wonOn: wonOn.value ?? ctx.today, title: title.value } };
  },
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'amount', label: t(l, 'records.field.amount'), kind: 'text', required: true, value: values.amount ?? '', placeholder: '5万 / 50000' },
      { name: 'wonOn', label: t(l, 'records.field.date'), kind: 'date', value: values.wonOn || rc.parse.today },
      { name: 'title', label: t(l, 'records.field.title'), kind: 'text', value: values.title ?? '' },
    ];
  },
  customerOf: (d) => d.customer,
  isComplete: (d) => d.amountFen !== null,
  save: (rc, customer, d, source) =>
    openDeal(rc, customer as NonNullable<typeof customer>, { title: d.title, amountFen: d.amountFen as number, stage: 'won', stageDate: d.wonOn }, source),
  describe(rc, id) {
    const deal = rc.services.records.deals.get(id);
    if (!deal) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, deal.customerId);
    return {
      repUserId: deal.repUserId,
      values: dealSpec.toValues({ customer, amountFen: deal.amountFen, wonOn: deal.wonOn ?? rc.parse.today, title: deal.title }),
      fields: present([
        field(l, 'records.field.customer', customer),
        field(l, 'records.field.amount', yuan(deal.amountFen)),
        field(l, 'records.field.date', deal.wonOn),
        deal.title !== null && field(l, 'records.field.title', deal.title),
        { label: '#', value: String(deal.id) },
      ]),
    };
  },
  update(rc, id, d) {
    rc.services.records.deals.update(rc.actor, id, { amountFen: d.amountFen as number, wonOn: d.wonOn, title: d.title, updatedAt: rc.actor.now });
  },
};

