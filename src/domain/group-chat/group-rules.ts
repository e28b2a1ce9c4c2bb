import type { ActingUser } from '../org/acting-user.js';
import { isRankable, type RankEntry, type Ranked } from '../kpi/ranking.js';
import { add, cmp, div, rat, type Rational } from '../kpi/rational.js';

/** A department as the group rules read it. */
export interface GroupDepartment {
  id: number;
  parentId: number | null;
  leaderUserId: number | null;
}

/** The department and every department under it (a group bound to 销售部 covers both teams). */
export function departmentAndBelow(rootId: number, departments: readonly GroupDepartment[]): Set<number> {
  const ids = new Set<number>([rootId]);
  // Repeat until nothing joins: departments may come in any order.
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of departments) {
      if (d.parentId !== null && ids.has(d.parentId) && !ids.has(d.id)) {
        ids.add(d.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * Who may bind a group to a department, or unbind it: an admin, or a manager who leads that
 * department or one above it (the leader of 销售部 may bind 华东一组's group).
 */
export function mayManageGroupFor(user: Pick<ActingUser, 'id' | 'roles'>, departmentId: number, departments: readonly GroupDepartment[]): boolean {
  if (user.roles.includes('admin')) return true;
  if (!user.roles.includes('manager')) return false;
  const byId = new Map(departments.map((d) => [d.id, d]));
  const seen = new Set<number>();
  for (let current = byId.get(departmentId); current && !seen.has(current.id); current = current.parentId === null ? undefined : byId.get(current.parentId)) {
    seen.add(current.id);
    if (current.leaderUserId === user.id) return true;
  }
  return false;
}

/** The median of the team's totals (reps with data only); null when nobody has one. */
export function medianTotal(entries: readonly RankEntry[]): Rational | null {
  const totals = entries.filter(isRankable).map((e) => e.total as Rational).sort(cmp);
  if (totals.length === 0) return null;
  const middle = Math.floor(totals.length / 2);
  if (totals.length % 2 === 1) return totals[middle] as Rational;
  return div(add(totals[middle - 1] as Rational, totals[middle] as Rational), rat(2));
}

/**
 * Who the weekly team post names: ranked reps at rank N or better whose total is at least the team
 * median. A team post praises the top; it never shows who is behind (rank below N, or below the median).
 */
export function teamPostRows<E extends RankEntry>(ranked: readonly Ranked<E>[], topN: number): Ranked<E>[] {
  const median = medianTotal(ranked.map((r) => r.entry));
  if (median === null) return [];
  return ranked.filter((r) => r.rank !== null && r.rank <= topN && r.entry.total !== null && cmp(r.entry.total, median) >= 0);
}

/** A confidential customer's name in a team post: the first character, then ***. */
export function maskCustomerName(name: string): string {
  const first = [...name.trim()][0] ?? '';
  return `${first}***`;
}
