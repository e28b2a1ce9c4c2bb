import { rankEntries, type RankEntry, type Ranked } from './ranking.js';

/**
 * The rank step of the weekly report's team card, pure: the team's week ranked, each rep's move
 * since the week before and their month-to-date rank, the biggest movers and who did not visit.
 */

export interface TeamRankRow<E extends RankEntry> {
  week: Ranked<E>;
  /** Places gained since the week before (negative: lost); 0 when either week is unranked. */
  delta: number;
  month: Ranked<E> | undefined;
  noVisits: boolean;
}

export interface TeamWeekRanking<E extends RankEntry> {
  rows: TeamRankRow<E>[];
  /** Biggest gains first, at most `moversShown`. */
  moversUp: { name: string; delta: number }[];
  /** Biggest losses first, at most `moversShown`. */
  moversDown: { name: string; delta: number }[];
  /** Reps with no visit in the week, in rank order. */
  noVisitNames: string[];
}

export function rankTeamWeek<E extends RankEntry & { name: string }>(
  input: { week: readonly E[]; previous: readonly E[]; month: readonly E[]; visits: ReadonlyMap<number, number> },
  moversShown = 3,
): TeamWeekRanking<E> {
  const previousRank = new Map(rankEntries(input.previous).map((r) => [r.entry.userId, r.rank]));
  const monthRank = new Map(rankEntries(input.month).map((r) => [r.entry.userId, r]));
  const rows = rankEntries(input.week).map((week): TeamRankRow<E> => {
    const before = previousRank.get(week.entry.userId);
    return { week, delta: week.rank !== null && before != null ? before - week.rank : 0, month: monthRank.get(week.entry.userId), noVisits: !input.visits.get(week.entry.userId) };
  });
  const moves = rows.map((r) => ({ name: r.week.entry.name, delta: r.delta }));
  return {
    rows,
    moversUp: moves.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta).slice(0, moversShown),
    moversDown: moves.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta).slice(0, moversShown),
    noVisitNames: rows.filter((r) => r.noVisits).map((r) => r.week.entry.name),
  };
}

/** Days left in the month after `today` (the whole month when the week ended before it began). */
export function remainingDaysOfMonth(today: string, month: { startDate: string; endDate: string; days: number }): number {
  if (today < month.startDate) return month.days;
  return Math.max(0, Math.round((Date.parse(`${month.endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000));
}
