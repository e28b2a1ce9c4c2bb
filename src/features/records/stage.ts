import { canSeeUser } from '../../domain/org/acting-user.js';
import { OPEN_DEAL_STAGES, type DealStage } from '../../domain/records/vocabulary.js';
import { recordEntry } from './entry-journal.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { announceWonDeal } from '../group-chats/win-post.js';
import { invalid, refuse } from './refusals.js';
import type { Deal, RecordEntry, StageChange } from './stores.js';
import { recordWrite } from './write-context.js';

export interface StageChangeInput {
  dealId: number;
  stage: DealStage;
  /** Why a deal was lost (kept only for 输单). */
  note: string | null;
  token?: string | null;
}

/**
 * 阶段: moves one open deal the actor may see to another stage, dated today, with its history row,
 * journal and audit, once per submission token. A deal outside the scope answers like a missing one.
 */
export async function changeStage(deps: AppDeps, actor: Actor, input: StageChangeInput): Promise<{ entry: RecordEntry; duplicate: boolean; deal: Deal; change: StageChange | undefined }> {
  const w = recordWrite(deps, actor);
  const deal = await w.stores.records.deals.get(input.dealId);
  if (!deal || !canSeeUser(actor.scope, deal.repUserId)) throw refuse('NOT_FOUND', 'records.error.dealNotFound', { id: input.dealId });
  const token = input.token ?? null;
  const existing = token ? await w.stores.entries.byToken(token) : undefined;
  if (existing && existing.userId !== actor.user.id) throw refuse('FORBIDDEN', 'records.error.recordForbidden');
  if (!existing) {
    if (!OPEN_DEAL_STAGES.includes(deal.stage)) throw invalid('records.error.dealClosed', { id: deal.id, stage: `records.stage.${deal.stage}` });
    if (deal.stage === input.stage) throw invalid('records.error.stageSame', { id: deal.id, stage: `records.stage.${input.stage}` });
  }
  const { entry, duplicate } = await recordEntry(w.stores, w.audit, { kind: 'stage', token }, async () => {
    const { stage } = input;
    await w.stores.records.deals.update(w.audit, deal.id, {
      stage,
      wonOn: stage === 'won' ? w.parse.today : null,
      lostOn: stage === 'lost' ? w.parse.today : null,
      lossReason: stage === 'lost' ? input.note : null,
      updatedAt: w.audit.now,
    });
    const change = await w.stores.records.stageHistory.insert(w.audit, {
      dealId: deal.id,
      fromStage: deal.stage,
      toStage: stage,
      changedOn: w.parse.today,
      changedAt: w.audit.now,
      changedByUserId: actor.user.id,
    });
    return { entity: 'deal_stage', entityId: change.id };
  });
  const after = (await w.stores.records.deals.get(deal.id)) ?? deal;
  if (!duplicate && input.stage === 'won') await announceWonDeal(deps, after, actor.now);
  return { entry, duplicate, deal: after, change: await w.stores.records.stageHistory.get(entry.entityId) };
}
