/**
 * Who reviews whose result. A department's assessment holds its members' results and is reviewed by
 * its leader; the leader's own result is never in it. It goes one level up, into the parent
 * department's assessment (reviewed by that department's leader). A leader with no level up is
 * reviewed by HR: their department's assessment then has no manager (managerUserId null), which the
 * permissions give to HR (an admin where no HR user is outside it).
 *
 * One assessment per department and period stays the model (the unique key), so a top-level
 * department whose leader has no level up is reviewed by HR as a whole: nobody reviews their own
 * result, which is the rule that matters.
 */
export interface OrgDepartment {
  id: number;
  parentId: number | null;
  leaderUserId: number | null;
}

export interface ReviewGroup {
  departmentId: number;
  /** Who reviews it; null: HR (or an admin standing in). */
  managerUserId: number | null;
  userIds: number[];
}

/** Where `userId` of `departmentId` is reviewed: their department, or one level up when they lead it. */
export function reviewDepartmentOf(userId: number, departmentId: number, departments: ReadonlyMap<number, OrgDepartment>): number {
  const own = departments.get(departmentId);
  if (!own || own.leaderUserId !== userId || own.parentId === null || !departments.has(own.parentId)) return departmentId;
  return own.parentId;
}

/** The reps grouped into the assessments of the period, each with its reviewer, in the order the reps come. */
export function reviewGroups(reps: readonly { userId: number; departmentId: number }[], departments: ReadonlyMap<number, OrgDepartment>): ReviewGroup[] {
  const byDepartment = new Map<number, number[]>();
  for (const rep of reps) {
    const target = reviewDepartmentOf(rep.userId, rep.departmentId, departments);
    byDepartment.set(target, [...(byDepartment.get(target) ?? []), rep.userId]);
  }
  return [...byDepartment.entries()].map(([departmentId, userIds]) => {
      const leader = departments.get(departmentId)?.leaderUserId ?? null;
      // The leader's result is here only when there is no level up: then HR reviews the group.
      return { departmentId, managerUserId: leader !== null && userIds.includes(leader) ? null : leader, userIds };
    });
}
