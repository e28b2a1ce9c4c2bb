import { CONFIRMABLE_KINDS, confirmRecord, doubtRecord, type ConfirmableKind } from '../../features/records/manager-confirmation.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandDefinition } from '../command.js';

const kindOf = (value: string | undefined): ConfirmableKind => ((CONFIRMABLE_KINDS as readonly string[]).includes(value ?? '') ? (value as ConfirmableKind) : 'visit');

/**
 * 确认 / 存疑: the buttons under a typed visit or training on the manager's Monday digest (no typed
 * form). Answers with a toast; a 存疑 tells the rep through the outbox (the feature queues it).
 */
export function createVerifyRecordCommand(): CommandDefinition {
  return defineCommand({
    name: 'verify',
    words: [],
    summary: 'digest.unconfirmed.confirm',
    examples: [],
    hidden: true,
    actions: {
      confirm: async (ctx, action) => {
        const outcome = await confirmRecord(ctx.deps, actorOf(ctx), { kind: kindOf(action.args.kind), id: Number(action.args.id) });
        return { toast: outcome.changed ? { kind: 'success', text: t(ctx.locale, 'confirm.confirmed', { name: outcome.rep }) } : { kind: 'info', text: t(ctx.locale, 'confirm.already') } };
      },
      doubt: async (ctx, action) => {
        const outcome = await doubtRecord(ctx.deps, actorOf(ctx), { kind: kindOf(action.args.kind), id: Number(action.args.id) });
        return { toast: outcome.changed ? { kind: 'success', text: t(ctx.locale, 'confirm.doubtSent', { name: outcome.rep }) } : { kind: 'info', text: t(ctx.locale, 'confirm.already') } };
      },
    },
  });
}
