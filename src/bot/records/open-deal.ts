import type { Customer } from '../../db/repositories/customer-repository.js';
import type { DealStage, RecordSource } from '../../domain/records/vocabulary.js';
import type { RecordContext } from './record-context.js';

/**
 * Stores a new deal and its first stage-history row, the one rule 成交 and 商机 share: every deal's
 * history starts on the day it was entered in its first stage (won/lost deals carry that date too).
 */
export function openDeal(
  rc: RecordContext,
  customer: Customer,
  deal: { title: string | null; amountFen: number; stage: DealStage; expectedCloseDate?: string | null; stageDate: string },
  source: RecordSource,
): { entity: 'deal'; entityId: number } {
  const stored = rc.services.records.deals.insert(rc.actor, {
    customerId: customer.id,
    repUserId: rc.cmd.user.id,
    title: deal.title,
    amountFen: deal.amountFen,
    stage: deal.stage,
    expectedCloseDate: deal.expectedCloseDate ?? null,
    channelId: customer.channelId,
    wonOn: deal.stage === 'won' ? deal.stageDate : null,
    lostOn: deal.stage === 'lost' ? deal.stageDate : null,
    source,
    createdByUserId: rc.cmd.user.id,
    createdAt: rc.actor.now,
    updatedAt: rc.actor.now,
  });
  rc.services.records.stageHistory.insert(rc.actor, {
    dealId: stored.id,
    fromStage: null,
    toStage: deal.stage,
    changedOn: deal.stageDate,
    changedAt: rc.actor.now,
    changedByUserId: rc.cmd.user.id,
  });
  return { entity: 'deal', entityId: stored.id };
}
