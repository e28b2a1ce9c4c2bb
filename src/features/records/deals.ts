import type { DealDraft, OpportunityDraft } from '../../domain/commands/parse-deals.js';
import { dealEntry } from '../../domain/records/entries/deal.js';
import { opportunityEntry } from '../../domain/records/entries/opportunity.js';
import type { DealStage, RecordSource } from '../../domain/records/vocabulary.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { announceWonDeal } from '../group-chats/win-post.js';
import { customerNameOf, saveEntry, updateEntry, type EntryInput, type EntryStore, type EntryUpdate, type SavedEntry } from './entry-writer.js';
import type { Customer, Deal } from './stores.js';
import { recordWrite, type RecordWrite } from './write-context.js';

const closedOn = (stage: DealStage, day: string) => ({ wonOn: stage === 'won' ? day : null, lostOn: stage === 'lost' ? day : null });

/**
 * Stores a new deal and its first stage-history row, the one rule 成交 and 商机 share: every deal's
 * history starts on the day it was entered in its first stage (won/lost deals carry that date too).
 */
export async function openDeal(
  w: RecordWrite,
  customer: Customer,
  deal: { title: string | null; amountFen: number; stage: DealStage; expectedCloseDate?: string | null; stageDate: string },
  source: RecordSource,
): Promise<{ entity: 'deal'; entityId: number }> {
  const userId = w.actor.user.id;
  const stored = await w.stores.records.deals.insert(w.audit, {
    customerId: customer.id,
    repUserId: userId,
    title: deal.title,
    amountFen: deal.amountFen,
    stage: deal.stage,
    expectedCloseDate: deal.expectedCloseDate ?? null,
    salesChannelId: customer.salesChannelId,
    ...closedOn(deal.stage, deal.stageDate),
    source,
    createdByUserId: userId,
    createdAt: w.audit.now,
    updatedAt: w.audit.now,
  });
  await w.stores.records.stageHistory.insert(w.audit, { dealId: stored.id, fromStage: null, toStage: deal.stage, changedOn: deal.stageDate, changedAt: w.audit.now, changedByUserId: userId });
  return { entity: 'deal', entityId: stored.id };
}

const dealStore: EntryStore<DealDraft, Deal> = {
  parser: dealEntry,
  read: async (w, id) => await w.stores.records.deals.get(id),
  ownerOf: (_w, d) => d.repUserId,
  valuesOf: async (w, d) => dealEntry.toValues({ customer: await customerNameOf(w, d.customerId), amountFen: d.amountFen, wonOn: d.wonOn ?? w.parse.today, title: d.title }),
  insert: (w, customer, d, source) =>
    openDeal(w, customer as NonNullable<typeof customer>, { title: d.title, amountFen: d.amountFen as number, stage: 'won', stageDate: d.wonOn }, source),
  async update(w, id, d) {
    await w.stores.records.deals.update(w.audit, id, { amountFen: d.amountFen as number, wonOn: d.wonOn, title: d.title, updatedAt: w.audit.now });
  },
};

const opportunityStore: EntryStore<OpportunityDraft, Deal> = {
  parser: opportunityEntry,
  read: async (w, id) => await w.stores.records.deals.get(id),
  ownerOf: (_w, d) => d.repUserId,
  valuesOf: async (w, d) =>
    opportunityEntry.toValues({ customer: await customerNameOf(w, d.customerId), amountFen: d.amountFen, stage: d.stage, expectedCloseDate: d.expectedCloseDate, title: d.title }),
  insert: (w, customer, d, source) =>
    openDeal(
      w,
      customer as NonNullable<typeof customer>,
      { title: d.title, amountFen: d.amountFen as number, stage: d.stage, expectedCloseDate: d.expectedCloseDate, stageDate: w.parse.today },
      source,
    ),
  /** A changed stage is a stage change too: dated today, with its history row. */
  async update(w, id, d) {
    const before = await w.stores.records.deals.get(id);
    const moved = before !== undefined && before.stage !== d.stage;
    await w.stores.records.deals.update(w.audit, id, {
      amountFen: d.amountFen as number,
      stage: d.stage,
      expectedCloseDate: d.expectedCloseDate,
      title: d.title,
      ...(moved ? closedOn(d.stage, w.parse.today) : {}),
      updatedAt: w.audit.now,
    });
    if (moved) {
      await w.stores.records.stageHistory.insert(w.audit, { dealId: id, fromStage: before.stage, toStage: d.stage, changedOn: w.parse.today, changedAt: w.audit.now, changedByUserId: w.actor.user.id });
    }
  },
};

/** A new won deal (not a resubmitted form) is announced in the team's bound groups (喜报). */
async function announced(deps: AppDeps, actor: Actor, saved: SavedEntry<Deal>): Promise<SavedEntry<Deal>> {
  if (!saved.duplicate && saved.record) await announceWonDeal(deps, saved.record, actor.now);
  return saved;
}

/** 成交: a won deal, with its stage history. */
export const saveDeal = async (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Deal>> => announced(deps, actor, await saveEntry(dealStore, deps, actor, input));
export const updateDeal = (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Deal> => updateEntry(dealStore, deps, actor, input);

/** 商机 / POST /api/deals: an opportunity (or a deal in any stage), with its stage history. */
export const saveOpportunity = async (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Deal>> => announced(deps, actor, await saveEntry(opportunityStore, deps, actor, input));
/** An opportunity edited into 赢单 is announced like a 阶段 move to won (once per group, whatever re-runs). */
export async function updateOpportunity(deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Deal> {
  const wasWon = (await recordWrite(deps, actor).stores.records.deals.get(input.id))?.stage === 'won';
  const after = await updateEntry(opportunityStore, deps, actor, input);
  if (!wasWon && after.stage === 'won') await announceWonDeal(deps, after, actor.now);
  return after;
}
