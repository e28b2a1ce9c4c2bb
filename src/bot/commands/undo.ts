import { infoCard } from '../../../cards/info.js';
import { textReply } from '../../domain/card-model.js';
import { isAppError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import type { RecordEntry } from '../../features/records/stores.js';
import { undoEntry } from '../../features/records/undo.js';
import { UNDO_WINDOW_MS } from '../../features/records/entry-journal.js';
import { defineCommand, type CommandContext, type CommandDefinition, type CommandOutput } from '../command.js';
import type { EntryForm } from '../records/entry-form.js';
import { customerName } from '../records/display.js';
import { recordContext, type RecordContext } from '../records/record-context.js';

/** A one-line description of an entry, read before it is undone (shown only when the undo succeeds). */
async function describe(rc: RecordContext, entry: RecordEntry, forms: EntryForm<never>[]): Promise<string> {
  const form = forms.find((f) => f.parser.kind === entry.kind);
  if (form) return ((await form.describe(rc, entry.entityId))?.fields ?? []).slice(0, 3).map((f) => f.value).join(' ');
  if (entry.entity === 'customer') return (await rc.services.customers.get(entry.entityId))?.name ?? '';
  if (entry.entity === 'deal_stage') {
    const change = await rc.services.records.stageHistory.get(entry.entityId);
    const deal = change ? await rc.services.records.deals.get(change.dealId) : undefined;
    return change && deal ? `#${deal.id} ${await customerName(rc, deal.customerId)} → ${t(rc.cmd.locale, `records.stage.${change.toStage}`)}` : '';
  }
  return '';
}

/** 撤销: undo my newest entry within 10 minutes; the confirmation card's button undoes that entry. */
export function createUndoCommand(forms: EntryForm<never>[]): CommandDefinition {
  return defineCommand({
    name: 'undo',
    words: ['撤销', '撤回', '/undo', 'undo'],
    summary: 'command.undo.summary',
    examples: ['撤销'],
    examplesEn: ['undo'],
    onText: async (cmd) => {
      const rc = recordContext(cmd);
      return undo(rc, await rc.services.entries.latestUndoable(cmd.user.id, cmd.now - UNDO_WINDOW_MS), forms, false);
    },
    // The button on a saved-record card undoes that entry and shows the outcome on the card.
    actions: {
      entry: async (cmd, action) => {
        const rc = recordContext(cmd);
        return undo(rc, await rc.services.entries.get(Number(action.args.entryId)), forms, true);
      },
    },
  });
}

async function undo(rc: RecordContext, entry: RecordEntry | undefined, forms: EntryForm<never>[], viaAction: boolean): Promise<CommandOutput> {
  const cmd: CommandContext = rc.cmd;
  const l = cmd.locale;
  if (!entry && !viaAction) return { send: [textReply(t(l, 'records.undo.nothing'))] };
  try {
    const what = entry && entry.userId === cmd.user.id ? await describe(rc, entry, forms) : '';
    const undone = await undoEntry(cmd.deps, rc.actor, { entryId: entry?.id ?? 0 });
    const text = t(l, 'records.undo.done', { kind: t(l, `records.kind.${undone.kind as 'visit'}`), what });
    if (!viaAction) return { send: [textReply(text)] };
    const card = infoCard.build({ title: text, sections: [{ text }] }, l);
    return { card, toast: { kind: 'success', text } };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const key = error.code === 'ENTRY_ALREADY_UNDONE' ? 'records.undo.already' : error.code === 'ENTRY_UNDO_EXPIRED' ? 'records.undo.expired' : undefined;
    if (!key) throw error;
    return viaAction ? { toast: { kind: 'info', text: t(l, key) } } : { send: [textReply(t(l, key))] };
  }
}
