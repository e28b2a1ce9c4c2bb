import { assertUndoable, undoEntry as revert } from './entry-journal.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { retractWinPosts, winPostsOfDeal } from '../group-chats/win-post.js';
import type { RecordEntry } from './stores.js';
import { recordWrite } from './write-context.js';

/**
 * 撤销: reverts one of the actor's own entries made in the last 10 minutes (deleting what it
 * created, or moving a stage back), audited, in one transaction. Throws ENTRY_ALREADY_UNDONE or
 * ENTRY_UNDO_EXPIRED for the door to word, and a Problem when something depends on the record.
 */
export async function undoEntry(deps: AppDeps, actor: Actor, input: { entryId: number }): Promise<RecordEntry> {
  const w = recordWrite(deps, actor);
  const entry = assertUndoable(await w.stores.entries.get(input.entryId), actor.user.id, actor.now);
  // Read before the revert: undoing a 成交 deletes the deal, and its 喜报 rows with it.
  const dealId = entry.entity === 'deal' ? entry.entityId : entry.entity === 'deal_stage' ? (await w.stores.records.stageHistory.get(entry.entityId))?.dealId : undefined;
  const posts = dealId === undefined ? [] : await winPostsOfDeal(deps, dealId);
  await revert(w.stores, w.audit, entry);
  // The deal is no longer won: its 喜报 are withdrawn (a stage undo that keeps it won withdraws nothing).
  const stillWon = dealId !== undefined && (await w.stores.records.deals.get(dealId))?.stage === 'won';
  if (!stillWon) await retractWinPosts(deps, posts, actor.now);
  return entry;
}
