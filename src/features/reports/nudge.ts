import { infoCard } from '../../../cards/info.js';
import { cardReply } from '../../domain/card-model.js';
import { appLink } from '../../domain/deep-link.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { businessDateOf } from '../../domain/period.js';
import { t } from '../../i18n/index.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';
import { refuse } from '../records/refusals.js';

export interface NudgeOutcome {
  /** False when the rep was already nudged today (nothing new was queued). */
  sent: boolean;
  /** False when the rep has no identity on an enabled platform. */
  reachable: boolean;
  rep: string;
}

/** The outbox key of a nudge: one per rep and business day, whoever clicks (two managers, two clicks). */
export const nudgeKey = (repUserId: number, businessDate: string): string => `nudge:${businessDate}:user-${repUserId}`;

/**
 * 催一下 on the manager's Monday digest: a nudge card to a rep of the clicker's team, through the
 * outbox. At most one per rep and business day (Asia/Shanghai): the key carries the day, so a second
 * click that day queues nothing and the answer says so. Like HR's 催办 (assessment/chase.ts).
 */
export async function nudgeRep(deps: AppDeps, actor: Actor, input: { repUserId: number }): Promise<NudgeOutcome> {
  const rep = await deps.org.getUser(input.repUserId);
  if (!rep || rep.id === actor.user.id || !canSeeUser(actor.scope, rep.id)) throw refuse('FORBIDDEN', 'nudge.notInTeam');
  const recipient = (await createRecipientResolver(deps)).resolve(rep.id);
  if (!recipient) return { sent: false, reachable: false, rep: rep.name };
  const locale = (await deps.org.localesAndStatus()).get(rep.id)?.locale ?? 'zh';
  const url = appLink(deps.config.publicBaseUrl, { page: 'dashboard' });
  const card = infoCard.build(
    { title: t(locale, 'nudge.card.title', { manager: actor.user.name }), sections: [{ text: t(locale, 'nudge.card.text') }, { fields: [{ label: t(locale, 'nudge.card.open'), value: url }] }] },
    locale,
  );
  const { queued } = await deps.outbox.enqueue([
    { idempotencyKey: nudgeKey(rep.id, businessDateOf(actor.now, deps.config.timezone)), platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(card) },
  ]);
  return { sent: queued > 0, reachable: true, rep: rep.name };
}
