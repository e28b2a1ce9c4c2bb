import { createKpiScorecardRepository, type ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { ProblemError, problem } from '../../domain/problem.js';
import type { Period } from '../../domain/period.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

interface Department {
  id: number;
  name: string;
  parentId: number | null;
  leaderUserId: number | null;
}

const refuse = (key: string, params: Record<string, string | number> = {}) => new ProblemError(problem('FORBIDDEN', key, params));

/** The department, once the actor may set its targets: an admin any, a manager the ones they lead (and below). */
export async function departmentForActor(deps: AppDeps, actor: Actor, departmentId: number): Promise<{ department: Department; all: Map<number, Department> }> {
  const all = new Map((await deps.org.listDepartments()).map((d) => [d.id, { id: d.id, name: d.name, parentId: d.parentId, leaderUserId: d.leaderUserId }]));
  const department = all.get(departmentId);
  if (!department) throw new ProblemError(problem('NOT_FOUND', 'targets.department.notFound', { id: departmentId }));
  if (actor.user.roles.includes('admin')) return { department, all };
  if (!actor.user.roles.includes('manager')) throw refuse('targets.department.forbidden');
  const seen = new Set<number>();
  for (let d: Department | undefined = department; d && !seen.has(d.id); d = d.parentId === null ? undefined : all.get(d.parentId)) {
    seen.add(d.id);
    if (d.leaderUserId === actor.user.id) return { department, all };
  }
  throw refuse('targets.department.forbidden');
}

/** Whether `departmentId` is `root` or under it. */
export function isUnder(departmentId: number | null, root: number, all: ReadonlyMap<number, { parentId: number | null }>): boolean {
  const seen = new Set<number>();
  for (let id = departmentId; id !== null && !seen.has(id); id = all.get(id)?.parentId ?? null) {
    if (id === root) return true;
    seen.add(id);
  }
  return false;
}

/**
 * The departments of `ids` with no ancestor in `ids`: a parent's target already covers its
 * children's, so the company sum adds only these (a parent and its child are never both counted).
 */
export function outermost(ids: readonly number[], all: ReadonlyMap<number, { parentId: number | null }>): Set<number> {
  return new Set(ids.filter((id) => !ids.some((other) => other !== id && isUnder(id, other, all))));
}

/** The reps assessed in the period in the department (and below), ordered by employee number. */
export async function departmentReps(deps: AppDeps, period: Period, root: number, all: ReadonlyMap<number, { parentId: number | null }>): Promise<ScoredRep[]> {
  const scored = await createKpiScorecardRepository(deps.db).scorePeriod(period);
  return scored.reps.filter((r) => isUnder(r.departmentId, root, all)).sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
}

/** The departments whose targets the actor may set: all for an admin, those a manager leads (and below). */
export async function manageableDepartments(deps: AppDeps, actor: Actor): Promise<{ id: number; name: string; path: string }[]> {
  const rows = await deps.org.listDepartments();
  const all = new Map(rows.map((d) => [d.id, d]));
  const isAdmin = actor.user.roles.includes('admin');
  const led = rows.filter((d) => d.leaderUserId === actor.user.id).map((d) => d.id);
  return rows.filter((d) => isAdmin || led.some((root) => isUnder(d.id, root, all))).map((d) => ({ id: d.id, name: d.name, path: d.path }));
}
