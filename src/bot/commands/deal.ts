import type { DealDraft } from '../../domain/commands/parse-deals.js';
import { t } from '../../i18n/index.js';
import { dealEntry } from '../../domain/records/entries/deal.js';
import { saveDeal, updateDeal } from '../../features/records/deals.js';
import { customerName, field, present, yuan } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';
import { withSurveyOffer } from './survey-link.js';

/** 成交: a won deal in one message. Stored as a deal in stage 赢单 with its stage history. */
export const dealForm: EntryForm<DealDraft> = {
  parser: dealEntry,
  words: ['成交', '签单', '/deal', 'deal'],
  summary: 'command.deal.summary',
  examples: ['成交 华为 5万', '成交 华为 ¥128,000 二期项目 昨天'],
  examplesEn: ['deal Huawei 50000', 'deal Huawei ¥128,000 phase-two yesterday'],
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'amount', label: t(l, 'records.field.amount'), kind: 'text', required: true, value: values.amount ?? '', placeholder: '5万 / 50000' },
      { name: 'wonOn', label: t(l, 'records.field.date'), kind: 'date', value: values.wonOn || rc.parse.today },
      { name: 'title', label: t(l, 'records.field.title'), kind: 'text', value: values.title ?? '' },
    ];
  },
  async describe(rc, id) {
    const deal = await rc.services.records.deals.get(id);
    if (!deal) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, deal.customerId);
    return {
      repUserId: deal.repUserId,
      values: dealEntry.toValues({ customer: await customer, amountFen: deal.amountFen, wonOn: deal.wonOn ?? rc.parse.today, title: deal.title }),
      fields: present([
        field(l, 'records.field.customer', await customer),
        field(l, 'records.field.amount', yuan(deal.amountFen)),
        field(l, 'records.field.date', deal.wonOn),
        deal.title !== null && field(l, 'records.field.title', deal.title),
        { label: '#', value: String(deal.id) },
      ]),
    };
  },
  save: saveDeal,
  update: updateDeal,
  async afterSave(rc, id, output) {
    const deal = await rc.services.records.deals.get(id);
    return deal ? withSurveyOffer(output, rc.cmd.locale, deal.customerId) : output;
  },
};
