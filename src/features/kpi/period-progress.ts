import { createKpiScorecardRepository } from '../../db/repositories/kpi-scorecard-repository.js';
import { entryProgress, INDICATOR_OF_ENTRY, type EntryProgress } from '../../domain/kpi/entry-progress.js';
import { periodContaining, type Period } from '../../domain/period.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

/**
 * What a record just saved did to the actor's month: the same scorecard (targets, overrides,
 * proration) the KPI card shows, read for the actor alone. Undefined when their template has no
 * target for what they recorded.
 */
export async function periodProgressAfterEntry(deps: AppDeps, actor: Actor, input: { kind: string }): Promise<(EntryProgress & { period: Period }) | undefined> {
  const indicator = INDICATOR_OF_ENTRY[input.kind];
  if (!indicator) return undefined;
  const period = periodContaining('month', deps.clock(), deps.config.timezone);
  // Only that indicator's measures are read: the line is all the entry shows.
  const scores = await createKpiScorecardRepository(deps.db).scorePeriod(period, { userIds: new Set([actor.user.id]), indicators: [indicator] });
  const me = scores.reps[0];
  const progress = me ? entryProgress(input.kind, me.scorecard.lines) : undefined;
  return progress ? { ...progress, period } : undefined;
}
