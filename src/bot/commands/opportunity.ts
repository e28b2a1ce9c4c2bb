import { parseOpportunity, type OpportunityDraft } from '../../domain/commands/parse-deals.js';
import { t } from '../../domain/messages/index.js';
import { DEAL_STAGES, type DealStage } from '../../domain/records/vocabulary.js';
import { inTransaction } from '../../db/client.js';
import { customerName, field, present, yuan } from '../records/display.js';
import type { EntrySpec } from '../records/entry-spec.js';
import { openDeal } from '../records/open-deal.js';
import * as form from '../records/form-fields.js';

const closedOn = (stage: DealStage, today: string) => ({ wonOn: stage === 'won' ? today : null, lostOn: stage === 'lost' ? today : null });

/** 商机: an opportunity with an amount and a stage (线索 unless given). */
export const opportunitySpec: EntrySpec<OpportunityDraft> = {
  name: 'opportunity',
  words: ['商机', '/opportunity', 'opportunity', '/opp', 'opp'],
  summary: 'command.opportunity.summary',
  examples: ['商机 华为 50万', '商机 华为 1.2万 方案报价 12月31日 ERP升级'],
  needsCustomer: true,
  parseText: parseOpportunity,
  toValues: (d) => ({
    customer: d.customer ?? '',
    amount: form.fenToInput(d.amountFen),
    stage: d.stage,
    expectedCloseDate: d.expectedCloseDate ?? '',
    title: d.title ?? '',
  }),
  fromValues(values, ctx) {
    const amount = form.amount(values, 'amount', ctx);
    if (!amount.ok) return amount;
    const stage = form.choice(values, 'stage', DEAL_STAGES, 'lead');
    if (!stage.ok) return stage;
    const close = form.date(values, 'expectedCloseDate', ctx, 'future', 'records.field.expectedClose');
    if (!close.ok) return close;
    const title = form.note(values, 'title', 'records.field.title');
    if (!title.ok) return title;
    return {
      ok: true,
      value: { customer: form.text(values, 'customer'), amountFen: amount.value, stage: stage.value, expectedCloseDate: close.value, title: title.value },
    };
  },
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
  customerOf: (d) => d.customer,
  isComplete: (d) => d.amountFen !== null,
  save: (rc, customer, d, source) =>
    openDeal(
      rc,
      customer as NonNullable<typeof customer>,
      { title: d.title, amountFen: d.amountFen as number, stage: d.stage, expectedCloseDate: d.expectedCloseDate, stageDate: rc.parse.today },
      source,
    ),
  describe(rc, id) {
    const deal = rc.services.records.deals.get(id);
    if (!deal) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, deal.customerId);
    return {
      repUserId: deal.repUserId,
      values: opportunitySpec.toValues({ customer, amountFen: deal.amountFen, stage: deal.stage, expectedCloseDate: deal.expectedCloseDate, title: deal.title }),
      fields: present([
        { label: '#', value: String(deal.id) },
        field(l, 'records.field.customer', customer),
        field(l, 'records.field.amount', yuan(deal.amountFen)),
        field(l, 'records.field.stage', t(l, `records.stage.${deal.stage}`)),
        deal.expectedCloseDate !== null && field(l, 'records.field.expectedClose', deal.expectedCloseDate),
        deal.title !== null && field(l, 'records.field.title', deal.title),
      ]),
    };
  },
  update(rc, id, d) {
    inTransaction(rc.services.db, () => {
      const before = rc.services.records.deals.get(id);
      rc.services.records.deals.update(rc.actor, id, {
        amountFen: d.amountFen as number,
        stage: d.stage,
        expectedCloseDate: d.expectedCloseDate,
        title: d.title,
        ...(before && before.stage !== d.stage ? closedOn(d.stage, rc.parse.today) : {}),
        updatedAt: rc.actor.now,
      });
      if (before && before.stage !== d.stage) {
        rc.services.records.stageHistory.insert(rc.actor, {
          dealId: id,
          fromStage: before.stage,
          toStage: d.stage,
          changedOn: rc.parse.today,
          changedAt: rc.actor.now,
          changedByUserId: rc.cmd.user.id,
        });
      }
    });
  },
};

