import { cmp, type Rational } from './rational.js';

/**
 * Ranking of scorecards within a group (a team, a department or the whole org).
 *
 * Tie-break rule, stated once: (1) higher official total (2 decimals) first; (2) on equal totals, the
 * higher score on the template's primary line (the one marked primary, else the first weighted
 * line; "no data" counts as lowest); (3) still equal: the same rank is shared ("1, 2, 2, 4") and the
 * tied people are listed by employee number. Reps without a total, or without any data in the period
 * (hasData false: nothing recorded, so their 0 says nothing), are listed last and apart, unranked:
 * "第 1 / 6" counts only the reps with data.
 */

export interface RankEntry {
  userId: number;
  employeeNo: string;
  total: Rational | null;
  primaryScore: Rational | null;
  /** False when nothing was recorded in the period; absent means true. */
  hasData?: boolean;
}

export interface Ranked<E extends RankEntry> {
  entry: E;
  /** 1-based competition rank; null for reps without a total. */
  rank: number | null;
  /** How many ranked entries are in the group. */
  of: number;
  tied: boolean;
}

function compareNullableDesc(a: Rational | null, b: Rational | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return -cmp(a, b);
}

/** Whether an entry takes part in the ranking (see the rule above). */
export const isRankable = (e: RankEntry): boolean => e.total !== null && e.hasData !== false;

/** 0 when two entries share a rank. */
function compareForRank(a: RankEntry, b: RankEntry): number {
  return compareNullableDesc(a.total, b.total) || compareNullableDesc(a.primaryScore, b.primaryScore);
}

export function rankEntries<E extends RankEntry>(entries: readonly E[]): Ranked<E>[] {
  const byNo = (a: E, b: E): number => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0);
  const sorted = [...entries].sort((a, b) => Number(!isRankable(a)) - Number(!isRankable(b)) || compareForRank(a, b) || byNo(a, b));
  const rankedCount = sorted.filter(isRankable).length;
  const out: Ranked<E>[] = [];
  sorted.forEach((entry, index) => {
    if (!isRankable(entry)) {
      out.push({ entry, rank: null, of: rankedCount, tied: false });
      return;
    }
    const previous = out[index - 1];
    const sameAsPrevious = previous !== undefined && previous.rank !== null && compareForRank(previous.entry, entry) === 0;
    const rank = sameAsPrevious ? (previous.rank as number) : index + 1;
    if (sameAsPrevious) previous.tied = true;
    out.push({ entry, rank, of: rankedCount, tied: sameAsPrevious });
  });
  return out;
}

/** Ranks each group separately (team, department, ...): groupOf returns the group key of an entry. */
export function rankWithinGroups<E extends RankEntry>(entries: readonly E[], groupOf: (entry: E) => string | number | null): Map<string | number, Ranked<E>[]> {
  const groups = new Map<string | number, E[]>();
  for (const entry of entries) {
    const key = groupOf(entry);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(entry);
    else groups.set(key, [entry]);
  }
  return new Map([...groups].map(([key, list]) => [key, rankEntries(list)]));
}
