import { createCompletenessRepository } from '../../db/repositories/completeness-repository.js';
import { repCompleteness, type CompletenessEntity, type EntityCompleteness } from '../../domain/records/completeness.js';
import { periodContaining } from '../../domain/period.js';
import type { Actor, SystemActor } from '../actor.js';
import type { AppDeps } from '../deps.js';

export interface RepCompleteness {
  userId: number;
  share: number;
  parts: Record<CompletenessEntity, EntityCompleteness>;
}

/**
 * Completeness of each given rep's records against the org's required fields, by the one definition
 * in src/domain/records/completeness.ts, over the records created in the actor's current month.
 * The door has checked that the actor may see these reps.
 */
export async function completenessReport(deps: AppDeps, actor: Pick<Actor, 'now'>, userIds: number[]): Promise<RepCompleteness[]> {
  const repo = createCompletenessRepository(deps.db);
  const period = periodContaining('month', actor.now, deps.config.timezone);
  const required = await repo.requiredFields();
  const report: RepCompleteness[] = [];
  for (const userId of userIds) {
    const { share, parts } = repCompleteness(await repo.recordsOf(userId), required, period);
    report.push({ userId, share, parts });
  }
  return report;
}

/**
 * The actor's own completeness, and one line per other rep they may see: a manager's team, or (HR,
 * admin: scope all) every active rep. Each line carries the rep's name.
 */
export async function teamCompleteness(deps: AppDeps, actor: Actor): Promise<{ mine: RepCompleteness; team: (RepCompleteness & { name: string })[] }> {
  const scope = actor.scope;
  const others = (await deps.org.listUsers({ activeOnly: true })).filter((u) => u.id !== actor.user.id && (scope.kind === 'all' ? u.roles.includes('rep') : scope.userIds.has(u.id)));
  const [mine, ...team] = (await completenessReport(deps, actor, [actor.user.id, ...others.map((u) => u.id)])) as [RepCompleteness, ...RepCompleteness[]];
  const names = new Map(others.map((u) => [u.id, u.name]));
  return { mine, team: team.map((r) => ({ ...r, name: names.get(r.userId) ?? `#${r.userId}` })) };
}

/** Which customer, contact and deal fields count for completeness (完整度). */
export const requiredFields = (deps: AppDeps): Promise<Record<CompletenessEntity, string[]>> => createCompletenessRepository(deps.db).requiredFields();

/** Replaces the required fields (unknown fields are refused by the door's schema), audited; returns the new set. */
export async function setRequiredFields(deps: AppDeps, actor: Actor | SystemActor, next: Record<CompletenessEntity, string[]>): Promise<Record<CompletenessEntity, string[]>> {
  const repo = createCompletenessRepository(deps.db);
  await repo.setRequiredFields({ userId: actor.user?.id ?? null, source: actor.source, now: actor.now }, next);
  return repo.requiredFields();
}
