import { inTransaction } from '../../db/client.js';
import type { WriteActor } from '../../db/repositories/audited-store.js';
import type { RecordEntry } from '../../db/repositories/entry-repository.js';
import { AppError } from '../../domain/errors.js';
import { problem, ProblemError } from '../../domain/problem.js';
import type { RecordServices } from './record-services.js';

/** Entries may be undone by their author for this long. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

export interface WrittenRecord {
  entity: string;
  entityId: number;
}

/**
 * Writes one entry and its journal row in one transaction. With a submission token (every card
 * submit carries one), a second submit of the same card finds the first entry and writes nothing:
 * the unique index on record_entries.submission_token backs that up under any interleaving.
 */
export function recordEntry(
  services: RecordServices,
  actor: WriteActor & { userId: number },
  meta: { kind: string; token: string | null },
  write: () => Promise<WrittenRecord>,
): Promise<{ entry: RecordEntry; duplicate: boolean }> {
  return inTransaction(services.db, async () => {
    if (meta.token) {
      await services.entries.holdToken(meta.token);
      const existing = await services.entries.byToken(meta.token);
      // A token is only ever shown to the person it was made for; someone else's is a forgery.
      if (existing && existing.userId !== actor.userId) throw new ProblemError(problem('FORBIDDEN', 'records.error.recordForbidden'));
      if (existing) return { entry: existing, duplicate: true };
    }
    const written = await write();
    const entry = await services.entries.insert({
      userId: actor.userId,
      kind: meta.kind,
      entity: written.entity,
      entityId: written.entityId,
      submissionToken: meta.token,
      source: actor.source,
      createdAt: actor.now,
    });
    return { entry, duplicate: false };
  });
}

/** Checks that this person may undo this entry now; throws a coded error otherwise. */
export function assertUndoable(entry: RecordEntry | undefined, userId: number, now: number): RecordEntry {
  if (!entry || entry.userId !== userId) throw new ProblemError(problem('FORBIDDEN', 'records.error.recordForbidden'));
  if (entry.undoneAt !== null) throw new AppError('ENTRY_ALREADY_UNDONE', 'already undone');
  if (entry.createdAt < now - UNDO_WINDOW_MS) throw new AppError('ENTRY_UNDO_EXPIRED', 'undo window passed');
  return entry;
}

/** Reverts one entry (deleting what it created, or moving a stage back), audited, in one transaction. */
export async function undoEntry(services: RecordServices, actor: WriteActor & { userId: number }, entry: RecordEntry): Promise<void> {
  const { records, customers, entries, db } = services;
  // Entries that are one row each: undo deletes that row (audited as 'undo').
  const singleRow = {
    visit: records.visits,
    payment: records.payments,
    satisfaction_survey: records.surveys,
    complaint: records.complaints,
    training: records.trainings,
    contact: customers.contacts,
  } as const;
  await inTransaction(db, async () => {
    const store = singleRow[entry.entity as keyof typeof singleRow] as (typeof singleRow)[keyof typeof singleRow] | undefined;
    if (store) await store.remove(actor, entry.entityId, 'undo');
    else await undoComposite(services, actor, entry);
    await entries.markUndone(entry.id, actor.now);
  });
}

/** Entries that touch more than one row: a deal with its stage history, a stage change, a new customer. */
async function undoComposite(services: RecordServices, actor: WriteActor & { userId: number }, entry: RecordEntry): Promise<void> {
  const { records, customers } = services;
  switch (entry.entity) {
    case 'deal': {
      if ((await records.paidOn(entry.entityId)) > 0) throw new ProblemError(problem('UNDO_BLOCKED', 'records.error.undoHasPayments'));
      for (const change of await records.stageChangesOf(entry.entityId)) await records.stageHistory.remove(actor, change.id, 'undo');
      await records.deals.remove(actor, entry.entityId, 'undo');
      break;
    }
    case 'deal_stage':
      await undoStageChange(services, actor, entry.entityId);
      break;
    case 'customer': {
      if ((await records.referencesToCustomer(entry.entityId)) > 0 || (await customers.contactsOf(entry.entityId)).length > 0) {
        throw new ProblemError(problem('UNDO_BLOCKED', 'records.error.undoHasRecords'));
      }
      await customers.remove(actor, entry.entityId);
      break;
    }
    default:
      throw new Error(`cannot undo entity ${entry.entity}`);
  }
}

/** Moves the deal back to the stage before the change, restoring won/lost dates from the audit trail. */
async function undoStageChange(services: RecordServices, actor: WriteActor, historyId: number): Promise<void> {
  const { records } = services;
  const change = await records.stageHistory.get(historyId);
  if (!change) return;
  const deal = await records.deals.get(change.dealId);
  if (deal && change.fromStage !== null) {
    const before = ((await records.dealBeforeLastUpdate(deal.id)) ?? {}) as { wonOn?: string | null; lostOn?: string | null; lossReason?: string | null };
    await records.deals.update(actor, deal.id, {
      stage: change.fromStage,
      wonOn: before.wonOn ?? null,
      lostOn: before.lostOn ?? null,
      lossReason: before.lossReason ?? null,
      updatedAt: actor.now,
    });
  }
  await records.stageHistory.remove(actor, historyId, 'undo');
}
