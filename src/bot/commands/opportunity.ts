import type { OpportunityDraft } from '../../domain/commands/parse-deals.js';
import { t } from '../../i18n/index.js';
import { opportunityEntry } from '../../domain/records/entries/opportunity.js';
import { DEAL_STAGES } from '../../domain/records/vocabulary.js';
import { saveOpportunity, updateOpportunity } from '../../features/records/deals.js';
import { customerName, field, present, yuan } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';

/** 商机: an opportunity with an amount and a stage (线索 unless given); POST /api/deals stores through the same saveOpportunity. */
export const opportunityForm: EntryForm<OpportunityDraft> = {
  parser: opportunityEntry,
  words: ['商机', '/opportunity', 'opportunity', '/opp', 'opp'],
  summary: 'command.opportunity.summary',
  examples: ['商机 华为 50万', '商机 华为 1.2万 方案报价 12月31日 ERP升级'],
  examplesEn: ['opportunity Huawei 500000', '/opp Huawei 12000 proposal ERP-upgrade'],
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'amount', label: t(l, 'records.field.amount'), kind: 'text', required: true, value: values.amount ?? '' },
      {
        name: 'stage',
        label: t(l, 'records.field.stage'),
        kind: 'select',
        value: values.stage || 'lead',
        options: DEAL_STAGES.map((s) => ({ label: t(l, `records.stage.${s}`), value: s })),
      },
      { name: 'expectedCloseDate', label: t(l, 'records.field.expectedClose'), kind: 'date', value: values.expectedCloseDate ?? '' },
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
      values: opportunityEntry.toValues({ customer: await customer, amountFen: deal.amountFen, stage: deal.stage, expectedCloseDate: deal.expectedCloseDate, title: deal.title }),
      fields: present([
        { label: '#', value: String(deal.id) },
        field(l, 'records.field.customer', await customer),
        field(l, 'records.field.amount', yuan(deal.amountFen)),
        field(l, 'records.field.stage', t(l, `records.stage.${deal.stage}`)),
        deal.expectedCloseDate !== null && field(l, 'records.field.expectedClose', deal.expectedCloseDate),
        deal.title !== null && field(l, 'records.field.title', deal.title),
      ]),
    };
  },
  save: saveOpportunity,
  update: updateOpportunity,
};
