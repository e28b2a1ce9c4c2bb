import { textReply } from '../../domain/card-model.js';
import { parseHandover } from '../../domain/commands/parse-handover.js';
import { parsedOrThrow, invalid } from '../../features/records/refusals.js';
import { assignLeaverCustomers, ASSIGN_COMMAND } from '../../features/customers/leavers.js';
import { handOverCustomer } from '../../features/customers/handover.js';
import { claimCustomer } from '../../features/customers/pool.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { actionKeyOf, defineCommand, type CommandDefinition } from '../command.js';

/**
 * 转交 华为 给 李四: a manager or an admin hands a customer to another rep. The leaver handover card's
 * 分配给… form answers here too (`handover.assign`), on every platform the same way.
 */
export function createHandoverCommand(): CommandDefinition {
  return defineCommand({
    name: 'handover',
    words: ['转交', '移交', '/handover', 'handover'],
    summary: 'handover.summary',
    examples: ['转交 华为 给 李四'],
    examplesEn: ['/handover 华为 to 李四'],
    audience: ['manager', 'admin'],
    onText: async (ctx, rest) => {
      const input = parsedOrThrow(parseHandover(rest));
      const done = await handOverCustomer(ctx.deps, actorOf(ctx), input);
      return { send: [textReply(t(ctx.locale, 'handover.done', { customer: done.customer, from: done.from, to: done.to, deals: done.deals, steps: done.nextSteps }))] };
    },
    actions: {
      [actionKeyOf('handover', ASSIGN_COMMAND)]: async (ctx, action, form) => {
        const toUserId = Number(form.rep ?? action.args.rep);
        if (!Number.isInteger(toUserId) || toUserId <= 0) throw invalid('handover.usage');
        const outcome = await assignLeaverCustomers(ctx.deps, actorOf(ctx), { leaverId: Number(action.args.leaverId), customer: form.customer ?? action.args.customer ?? 'all', toUserId });
        const toast = { kind: 'success' as const, text: t(ctx.locale, 'handover.leaver.assigned', { count: outcome.assigned, to: outcome.to }) };
        return outcome.card ? { toast, card: outcome.card } : { toast };
      },
    },
  });
}

/** 认领 华为: a rep takes a customer from their department's pool (公海). */
export function createClaimCommand(): CommandDefinition {
  return defineCommand({
    name: 'claim',
    words: ['认领', '/claim', 'claim'],
    summary: 'claim.summary',
    examples: ['认领 华为'],
    examplesEn: ['/claim 华为'],
    audience: ['rep'],
    onText: async (ctx, rest) => {
      if (!rest.trim()) throw invalid('claim.usage');
      const done = await claimCustomer(ctx.deps, actorOf(ctx), { customer: rest });
      return { send: [textReply(t(ctx.locale, 'pool.claimed', { customer: done.customer, count: done.claims, limit: done.limit }))] };
    },
  });
}
