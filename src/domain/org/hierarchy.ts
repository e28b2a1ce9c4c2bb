/**
 * Who manages whom. A user's manager is the explicit one when set, otherwise the leader of their
 * department; a leader's own manager is the leader of the nearest ancestor department led by
 * someone else.
 */
export interface OrgDepartment {
  id: number;
  parentId: number | null;
  leaderUserId: number | null;
}

export interface OrgUser {
  id: number;
  departmentId: number | null;
  managerId: number | null;
  active: boolean;
}

export function resolveManagerId(
  user: OrgUser,
  departmentsById: ReadonlyMap<number, OrgDepartment>,
): number | null {
  if (user.managerId !== null && user.managerId !== user.id) return user.managerId;
  let deptId = user.departmentId;
  const seen = new Set<number>();
  while (deptId !== null && !seen.has(deptId)) {
    seen.add(deptId);
    const dept = departmentsById.get(deptId);
    if (!dept) return null;
    if (dept.leaderUserId !== null && dept.leaderUserId !== user.id) return dept.leaderUserId;
    deptId = dept.parentId;
  }
  return null;
}

/**
 * Everyone who reports to the manager, directly or through someone else (the manager's team).
 * Cycles in bad data are tolerated: each user is visited once.
 */
export function collectTeam(
  managerId: number,
  users: readonly OrgUser[],
  departmentsById: ReadonlyMap<number, OrgDepartment>,
): Set<number> {
  const reportsTo = new Map<number, number[]>();
  for (const u of users) {
    const m = resolveManagerId(u, departmentsById);
    if (m === null) continue;
    const list = reportsTo.get(m) ?? [];
    list.push(u.id);
    reportsTo.set(m, list);
  }
  const team = new Set<number>();
  const queue = [managerId];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const report of reportsTo.get(current) ?? []) {
      if (report === managerId || team.has(report)) continue;
      team.add(report);
      queue.push(report);
    }
  }
  return team;
}

/** Splits "销售部/华东一组" into its parts; tolerates full-width slashes and stray spaces. */
export function splitDepartmentPath(path: string): string[] {
  return path
    .split(/[/／>＞]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
