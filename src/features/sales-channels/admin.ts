import { createSalesChannelAdmin, type SalesChannelChangeResult, type SalesChannelRow } from '../../db/repositories/sales-channel-repository.js';
import { problem, ProblemError } from '../../domain/problem.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

export type { SalesChannelChangeResult, SalesChannelRow } from '../../db/repositories/sales-channel-repository.js';

/**
 * Admins manage the sales channels: every channel (inactive ones too), add, rename, deactivate and
 * reactivate; nothing is deleted. Each change is audited with the actor's source. A refused change
 * (no such channel, name taken) is a result the door words, as the field it names is the door's.
 */
function salesChannelsFor(deps: Pick<AppDeps, 'db'>, actor: Actor) {
  if (!actor.user.roles.includes('admin')) throw new ProblemError(problem('FORBIDDEN', 'salesChannel.problem.forbidden'));
  return createSalesChannelAdmin(deps.db);
}

const changeOf = (actor: Actor) => ({ now: actor.now, actorUserId: actor.user.id, source: actor.source });

export async function listSalesChannels(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<SalesChannelRow[]> {
  return salesChannelsFor(deps, actor).listAll();
}

export async function addSalesChannel(deps: Pick<AppDeps, 'db'>, actor: Actor, input: { name: string }): Promise<SalesChannelChangeResult> {
  return salesChannelsFor(deps, actor).add(input.name, changeOf(actor));
}

/** The old name stays as an alias, so what people already type still finds the channel. */
export async function renameSalesChannel(deps: Pick<AppDeps, 'db'>, actor: Actor, input: { id: number; name: string }): Promise<SalesChannelChangeResult> {
  return salesChannelsFor(deps, actor).rename(input.id, input.name, changeOf(actor));
}

export async function setSalesChannelActive(deps: Pick<AppDeps, 'db'>, actor: Actor, input: { id: number; active: boolean }): Promise<SalesChannelChangeResult> {
  return salesChannelsFor(deps, actor).setActive(input.id, input.active, changeOf(actor));
}
