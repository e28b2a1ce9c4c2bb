import { createKpiScorecardRepository, rankPeriod, type PeriodScores, type ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { rankEntries, type Ranked } from '../../domain/kpi/ranking.js';
import type { Period } from '../../domain/period.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

// The doors read these row types from here, never from src/db.
export type { PeriodScores, ScoredRep };
export type { Ranked };

/** Who sees the whole ranking of their scope (with the no-data list and the distribution check). */
const LEAD_ROLES = new Set(['manager', 'hr', 'admin']);

const isKpiLead = (actor: Pick<Actor, 'user'>): boolean => actor.user.roles.some((r) => LEAD_ROLES.has(r));

/**
 * One rep's scorecard for a period (the actor's own by default), or undefined when the rep is not
 * assessed in it. The door has checked that the actor may see that rep.
 */
export async function kpiScorecard(deps: AppDeps, actor: Actor, period: Period, userId: number = actor.user.id): Promise<ScoredRep | undefined> {
  return (await createKpiScorecardRepository(deps.db).scorePeriod(period, { userIds: new Set([userId]) })).reps[0];
}

/** The actor and everyone in their own department (their team). */
async function teamMemberIds(deps: AppDeps, actor: Actor): Promise<Set<number>> {
  const ids = new Set<number>([actor.user.id]);
  if (actor.user.departmentId === null) return ids;
  for (const id of await deps.org.userIdsInDepartment(actor.user.departmentId)) ids.add(id);
  return ids;
}

export interface TeamStanding {
  /** The actor's scorecard, when they are assessed in the period. */
  me: ScoredRep | undefined;
  /** Their team (own department) ranked, or the scored members ranked together when they have no team. */
  team: Ranked<ScoredRep>[];
  /** The actor's place in their team. */
  myRank: Ranked<ScoredRep> | undefined;
}

/** The actor's team (own department) scored and ranked in one pass, and where the actor stands in it. */
export async function teamStanding(deps: AppDeps, actor: Actor, period: Period): Promise<TeamStanding> {
  const scores = await createKpiScorecardRepository(deps.db).scorePeriod(period, { userIds: await teamMemberIds(deps, actor) });
  const me = scores.reps.find((r) => r.userId === actor.user.id);
  const byTeam = me && me.departmentId !== null ? rankPeriod(scores).byTeam.get(me.departmentId) : undefined;
  return { me, team: byTeam ?? rankEntries(scores.reps), myRank: byTeam?.find((r) => r.entry.userId === actor.user.id) };
}

export interface KpiRanking {
  /** 'org': a lead who sees everyone; 'scope': a manager's reps; 'team': a rep's own team. */
  group: 'org' | 'scope' | 'team';
  /** The team's name (group 'team'), when the actor is assessed. */
  teamName: string | null;
  ranked: Ranked<ScoredRep>[];
}

/**
 * The ranking the actor may see, the same for chat (排行) and H5 (team page): a lead (manager, HR,
 * admin) gets everyone in their data scope ranked together; a rep gets their own team.
 */
export async function teamRanking(deps: AppDeps, actor: Actor, period: Period): Promise<KpiRanking> {
  if (isKpiLead(actor)) {
    const scores = await createKpiScorecardRepository(deps.db).scorePeriod(period, actor.scope.kind === 'all' ? {} : { userIds: actor.scope.userIds });
    return { group: actor.scope.kind === 'all' ? 'org' : 'scope', teamName: null, ranked: rankEntries(scores.reps) };
  }
  const { me, team } = await teamStanding(deps, actor, period);
  return { group: 'team', teamName: me?.teamName ?? null, ranked: team };
}

/** Every rep of the period, ranked in the org, in their team and in their top-level department (admin API). */
export async function orgScorecards(deps: AppDeps, period: Period): Promise<{ scores: PeriodScores; ranking: ReturnType<typeof rankPeriod> }> {
  const scores = await createKpiScorecardRepository(deps.db).scorePeriod(period);
  return { scores, ranking: rankPeriod(scores) };
}
