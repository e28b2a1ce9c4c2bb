import { createKpiScorecardRepository, rankPeriod, type PeriodScores, type ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { AppError } from '../../domain/errors.js';
import { parsePeriodArg } from '../../domain/kpi/period-arg.js';
import type { Ranked } from '../../domain/kpi/ranking.js';
import type { Period, PeriodType } from '../../domain/period.js';
import { say } from '../../i18n/phrase.js';
import type { CommandContext } from '../command.js';

/** The period a KPI command is about: typed after the command word, or carried by a card button. */
export function periodOf(ctx: CommandContext, text: string, defaultType: PeriodType = 'month'): Period {
  const parsed = parsePeriodArg(text, ctx.now, ctx.deps.config.timezone, defaultType);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 'bad period', { params: { reason: say(ctx.locale, parsed.reason) } });
  return parsed.period;
}

/** The user and everyone in their own department (their team). */
export async function teamMemberIds(ctx: CommandContext): Promise<Set<number>> {
  const ids = new Set<number>([ctx.user.id]);
  if (ctx.user.departmentId === null) return ids;
  for (const id of await ctx.deps.org.userIdsInDepartment(ctx.user.departmentId)) ids.add(id);
  return ids;
}

/** Scores for the reps of the user's own department (their team), in one pass. */
export async function teamScores(ctx: CommandContext, period: Period): Promise<{ scores: PeriodScores; me: ScoredRep|undefined; myRank: Ranked<ScoredRep>|undefined; }> {
  const repository = createKpiScorecardRepository(ctx.deps.db);
  const teamIds = teamMemberIds(ctx);
  const scores = await repository.scorePeriod(period, { userIds: await teamIds });
  const me = scores.reps.find((r) => r.userId === ctx.user.id);
  const ranking = rankPeriod(scores);
  const myRank = me && me.departmentId !== null ? ranking.byTeam.get(me.departmentId)?.find((r) => r.entry.userId === me.userId) : undefined;
  return { scores, me, myRank };
}
