import { nudgeRep } from '../../features/reports/nudge.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandDefinition } from '../command.js';

/**
 * 催一下: the button on the manager's Monday digest (no typed form). Answers with a toast only: the
 * nudge itself goes to the rep through the outbox, once per rep and day.
 */
export function createNudgeCommand(): CommandDefinition {
  return defineCommand({
    name: 'nudge',
    words: [],
    summary: 'digest.rep.nudge',
    examples: [],
    hidden: true,
    actions: {
      '': async (ctx, action) => {
        const outcome = await nudgeRep(ctx.deps, actorOf(ctx), { repUserId: Number(action.args.userId) });
        const params = { name: outcome.rep };
        if (!outcome.reachable) return { toast: { kind: 'warning', text: t(ctx.locale, 'nudge.unreachable', params) } };
        return { toast: outcome.sent ? { kind: 'success', text: t(ctx.locale, 'nudge.sent', params) } : { kind: 'info', text: t(ctx.locale, 'nudge.already', params) } };
      },
    },
  });
}
