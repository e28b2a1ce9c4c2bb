import type { WeeklyKpiCardData } from '../../../cards/weekly-kpi.js';
import type { WeeklyRankingCardData } from '../../../cards/weekly-ranking.js';
import type { ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { achievementText } from '../../domain/kpi/explain.js';
import { formatPoints } from '../../domain/kpi/format.js';
import { formatValue } from '../../i18n/format.js';
import { say } from '../../i18n/phrase.js';
import type { Ranked } from '../../domain/kpi/ranking.js';
import { nextSteps, trendOf } from '../../domain/kpi/weekly-digest.js';
import type { TeamWeekRanking } from '../../domain/kpi/weekly-ranking.js';
import { t, type Locale } from '../../i18n/index.js';
import type { Period } from '../../domain/period.js';

/** Rows a ranking card shows before it cuts and links to the full view (a card stays readable and under 30 KB). */
export const RANKING_CARD_MAX_ROWS = 20;

/** The render step: a rep's weekly KPI card data, in their language. */
export function repCardData(
  rep: ScoredRep,
  context: { previous: ScoredRep | undefined; month: ScoredRep | undefined; ranked: Ranked<ScoredRep> | undefined; week: Period; locale: Locale; remainingDays: number; dashboardUrl: string },
): WeeklyKpiCardData {
  const { locale } = context;
  const previousLines = new Map(context.previous?.scorecard.lines.map((l) => [l.line.id, l]) ?? []);
  const lines = rep.scorecard.lines
    .filter((l) => l.line.rule.kind === 'linear' && l.target !== null)
    .map((l) => ({
      name: t(locale, l.indicator.name),
      actual: l.actual === null ? '—' : formatValue(l.indicator.unit, l.actual, locale),
      target: formatValue(l.indicator.unit, l.target!, locale),
      achievement: achievementText(l),
      trend: trendOf(l.achievement, previousLines.get(l.line.id)?.achievement ?? null),
    }));
  return {
    name: rep.name,
    weekKey: context.week.key,
    from: context.week.startDate,
    to: context.week.lastDate,
    total: rep.total === null ? null : formatPoints(rep.total),
    grade: rep.scorecard.grade,
    totalTrend: trendOf(rep.total, context.previous?.total ?? null),
    rank: context.ranked?.rank ? { rank: context.ranked.rank, of: context.ranked.of } : null,
    lines,
    nextSteps: context.month ? nextSteps(context.month.scorecard, context.remainingDays).map((step) => say(locale, step)) : [],
    dashboardUrl: context.dashboardUrl,
  };
}

const moveText = (delta: number) => (delta > 0 ? `↑${delta}` : delta < 0 ? `↓${-delta}` : '');
const DASH = '—';

/** The render step: a manager's team ranking card data from the ranked week (src/domain/kpi/weekly-ranking.ts). */
export function rankingCardData(ranking: TeamWeekRanking<ScoredRep>, context: { team: string; week: Period; month: Period; fullRankingUrl: string; digest?: WeeklyRankingCardData['digest'] }): WeeklyRankingCardData {
  return {
    ...(context.digest ? { digest: context.digest } : {}),
    team: context.team,
    weekKey: context.week.key,
    monthKey: context.month.key,
    from: context.week.startDate,
    to: context.week.lastDate,
    rows: ranking.rows.slice(0, RANKING_CARD_MAX_ROWS).map(({ week, delta, month, noVisits }) => ({
      rank: week.rank,
      name: week.entry.name,
      total: week.entry.total === null ? DASH : formatPoints(week.entry.total),
      grade: week.entry.scorecard.grade ?? DASH,
      move: moveText(delta),
      monthRank: month?.rank ?? null,
      monthTotal: month?.entry.total ? formatPoints(month.entry.total) : DASH,
      monthGrade: month?.entry.scorecard.grade ?? DASH,
      noVisits,
    })),
    totalReps: ranking.rows.length,
    moversUp: ranking.moversUp.map((m) => `${m.name} ${moveText(m.delta)}`),
    moversDown: ranking.moversDown.map((m) => `${m.name} ${moveText(m.delta)}`),
    noVisitNames: ranking.noVisitNames,
    fullRankingUrl: context.fullRankingUrl,
  };
}
