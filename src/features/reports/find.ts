import { createKpiScorecardRepository, rankPeriod, type PeriodScores, type ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { createNotificationPreferenceRepository } from '../../db/repositories/notification-preferences.js';
import { createRecordRepository } from '../../db/repositories/record-repository.js';
import type { Ranked } from '../../domain/kpi/ranking.js';
import { parsePeriodKey, periodContaining, previousPeriod, type Period } from '../../domain/period.js';
import type { AppDeps } from '../deps.js';

/** What the weekly report is made of: three periods scored once for the whole org, and who wants the card. */
export interface WeeklyFacts {
  week: Period;
  month: Period;
  weekScores: PeriodScores;
  previousScores: PeriodScores;
  monthScores: PeriodScores;
  /** Each rep's rank within their team for the week. */
  teamRanks: ReadonlyMap<string | number, Ranked<ScoredRep>[]>;
  optedOut: ReadonlySet<number>;
  visitsThisWeek: ReadonlyMap<number, number>;
}

/**
 * The find step of the weekly report for one ISO week: the week, the week before and the month the
 * week ends in, scored once for the whole org (the plan slices them per team).
 */
export async function findWeeklyFacts(deps: Pick<AppDeps, 'db' | 'config'>, periodKey: string): Promise<WeeklyFacts> {
  const zone = deps.config.timezone;
  const week = parsePeriodKey(periodKey, zone) as Period;
  const month = periodContaining('month', week.end - 1, zone);
  const repository = createKpiScorecardRepository(deps.db);
  const weekScores = await repository.scorePeriod(week);
  return {
    week,
    month,
    weekScores,
    previousScores: await repository.scorePeriod(previousPeriod(week)),
    monthScores: await repository.scorePeriod(month),
    teamRanks: rankPeriod(weekScores).byTeam,
    optedOut: await createNotificationPreferenceRepository(deps.db).weeklyCardOptOuts(),
    visitsThisWeek: await createRecordRepository(deps.db).visitCountsByRep(week.startDate, week.endDate),
  };
}
