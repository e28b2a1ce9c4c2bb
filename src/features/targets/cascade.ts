import { inTransaction } from '../../db/client.js';
import { createKpiScorecardRepository, type ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { createKpiTargetRepository } from '../../db/repositories/kpi-target-repository.js';
import { createOrgTargetRepository, type OrgTargetRow } from '../../db/repositories/org-target-repository.js';
import { indicatorOf, type IndicatorUnit } from '../../domain/kpi/indicators.js';
import type { MessageKey } from '../../domain/message-key.js';
import { roundHalfUp } from '../../domain/kpi/rational.js';
import { businessDateOf, parsePeriodKey, previousPeriod, type Period } from '../../domain/period.js';
import { ProblemError, problem } from '../../domain/problem.js';
import { splitTarget, sumCheck, type SplitMethod, type SumCheck } from '../../domain/targets/split.js';
import { asOfDate, versionOnDate } from '../../domain/targets/versions.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { departmentForActor, departmentReps, outermost } from './department-scope.js';

export interface SetOrgTargetInput {
  periodKey: string;
  /** Null: the company target (admins only). */
  departmentId: number | null;
  lineKey: string;
  /** Whole units: fen for money, a count. */
  target: number;
  /** Splits a department target among its reps, writing their targets (a new version each). */
  split?: { method: SplitMethod; manual?: { userId: number; target: number }[] };
}

export interface SetOrgTargetResult {
  version: number;
  applied: SplitMethod | null;
  reps: { userId: number; target: number }[];
  check: SumCheck | null;
}

const invalid = (key: string, params: Record<string, string | number> = {}) => new ProblemError(problem('VALIDATION_FAILED', key, params));

function openPeriod(deps: AppDeps, now: number, periodKey: string): Period {
  const period = parsePeriodKey(periodKey, deps.config.timezone);
  if (!period) throw invalid('web.period.invalid', { input: periodKey });
  if (period.end <= now) throw invalid('targets.period.closed', { period: period.key });
  return period;
}

const isWhole = (value: number) => Number.isSafeInteger(value) && value >= 0;

/**
 * Sets a company or department target for a period and line, as a new version valid from today; a
 * department target may be split to its reps (evenly, by last period's share, or by hand), whose
 * targets become new versions too and the ones the scorer reads. Returns the sum check.
 */
export async function setOrgTarget(deps: AppDeps, actor: Actor, input: SetOrgTargetInput): Promise<SetOrgTargetResult> {
  openPeriod(deps, actor.now, input.periodKey);
  if (input.departmentId === null && !actor.user.roles.includes('admin')) throw new ProblemError(problem('FORBIDDEN', 'targets.company.forbidden'));
  if (input.departmentId !== null) await departmentForActor(deps, actor, input.departmentId);
  const result = await inTransaction(deps.db, () => applyOrgTarget(deps, { now: actor.now, actorUserId: actor.user.id, source: actor.source }, input));
  if (input.departmentId === null) return result;
  const read = await departmentTargets(deps, actor, { periodKey: input.periodKey, departmentId: input.departmentId });
  return { ...result, check: read.lines.find((l) => l.lineKey === input.lineKey)?.check ?? null };
}

/**
 * Validates and writes one company or department target (and its split), for a caller already
 * allowed to: setOrgTarget after its permission check, the admin spreadsheet import. Run it inside
 * a transaction.
 */
export async function applyOrgTarget(
  deps: AppDeps,
  who: { now: number; actorUserId: number | null; source: string },
  request: Omit<SetOrgTargetInput, 'target'> & { target: number | ((unit: IndicatorUnit) => number | undefined) },
): Promise<SetOrgTargetResult> {
  const period = openPeriod(deps, who.now, request.periodKey);
  // A spreadsheet's amount is in 元 or a count: it becomes whole units once the line's unit is known.
  const resolve = (unit: IndicatorUnit) => (typeof request.target === 'number' ? request.target : request.target(unit));
  const input = { ...request, target: typeof request.target === 'number' ? request.target : 0 };
  if (typeof request.target === 'number' && !isWhole(request.target)) throw invalid('targets.target.notWhole');
  const ctx = { ...who, validFrom: businessDateOf(who.now, deps.config.timezone) };
  const targets = createOrgTargetRepository(deps.db);
  const all = new Map((await deps.org.listDepartments()).map((d) => [d.id, d]));
  if (input.departmentId !== null && !all.has(input.departmentId)) throw new ProblemError(problem('NOT_FOUND', 'targets.department.notFound', { id: input.departmentId }));
  const reps = input.departmentId === null ? (await createKpiScorecardRepository(deps.db).scorePeriod(period)).reps : await departmentReps(deps, period, input.departmentId, all);
  if (reps.length === 0) throw invalid('targets.noReps', { period: period.key });
  const lines = new Map(reps.flatMap((r) => r.content.lines.map((l) => [l.id, l] as const)));
  const line = lines.get(input.lineKey);
  if (!line) throw invalid('targets.line.unknown', { line: input.lineKey, lines: [...lines.keys()].join(', ') });
  const unit = indicatorOf(line.indicator).unit;
  if (unit !== 'fen' && unit !== 'count') throw invalid('targets.line.notSplittable', { line: input.lineKey });
  const resolved = resolve(unit);
  if (resolved === undefined || !isWhole(resolved)) throw invalid('targets.target.notWhole');
  input.target = resolved;
  if (input.departmentId === null) {
    const version = await targets.addOrgTarget({ departmentId: null, periodKey: period.key, lineKey: input.lineKey, target: input.target }, ctx);
    return { version, applied: null, reps: [], check: null };
  }
  const split = input.split;
  let parts: { userId: number; target: number }[] = [];
  let applied: SplitMethod | null = null;
  if (split) {
    const manual = new Map((split.manual ?? []).map((m) => [m.userId, m.target]));
    for (const userId of manual.keys()) if (!reps.some((r) => r.userId === userId)) throw invalid('targets.manual.unknownRep', { userId });
    if ([...manual.values()].some((v) => !isWhole(v))) throw invalid('targets.target.notWhole');
    const lastActuals = split.method === 'share' ? await lastPeriodActuals(deps, period, input.lineKey, reps.map((r) => r.userId)) : new Map<number, number>();
    const result = splitTarget({ method: split.method, total: input.target, reps: reps.map((r) => ({ userId: r.userId, lastActual: lastActuals.get(r.userId) ?? 0, manual: manual.get(r.userId) ?? 0 })) });
    parts = result.parts;
    applied = result.applied;
  }
  const version = await targets.addOrgTarget({ departmentId: input.departmentId, periodKey: period.key, lineKey: input.lineKey, target: input.target }, ctx);
  if (applied && parts.length > 0) {
    await targets.addRepTargetVersions(input.departmentId, period.key, input.lineKey, applied, parts, ctx);
    await createKpiTargetRepository(deps.db).setMany(parts.map((p) => ({ userId: p.userId, periodKey: period.key, lineKey: input.lineKey, target: p.target })), { now: ctx.now, zone: deps.config.timezone, actorUserId: ctx.actorUserId, source: ctx.source });
  }
  return { version, applied, reps: parts, check: null };
}

/** Each rep's actual of the line last period, in whole units (the weights of a split by share). */
async function lastPeriodActuals(deps: AppDeps, period: Period, lineKey: string, userIds: number[]): Promise<Map<number, number>> {
  const scored = await createKpiScorecardRepository(deps.db).scorePeriod(previousPeriod(period), { userIds: new Set(userIds) });
  const out = new Map<number, number>();
  for (const rep of scored.reps) {
    const actual = rep.scorecard.lines.find((l) => l.line.id === lineKey)?.actual;
    if (actual) out.set(rep.userId, Number(roundHalfUp(actual, 0)));
  }
  return out;
}

export interface DepartmentTargetsView {
  period: { key: string; from: string; to: string };
  department: { id: number; name: string };
  lines: {
    lineKey: string;
    unit: string;
    target: number;
    version: number;
    validFrom: string;
    history: { version: number; target: number; validFrom: string }[];
    reps: { userId: number; employeeNo: string; name: string; target: number | null }[];
    check: SumCheck;
  }[];
  /** The lines a target may be set on (money or counts), with the unit from the indicator's definition. */
  choices: { lineKey: string; indicatorName: MessageKey; unit: 'fen' | 'count' }[];
  /** The department's reps (a split by hand names them), with their targets in force per line. */
  reps: { userId: number; employeeNo: string; name: string; targets: Record<string, number | null> }[];
}

/** A department's targets in force (with their history), its reps' targets and the sum check per line. */
export async function departmentTargets(deps: AppDeps, actor: Actor, input: { periodKey: string; departmentId: number }): Promise<DepartmentTargetsView> {
  const period = parsePeriodKey(input.periodKey, deps.config.timezone);
  if (!period) throw invalid('web.period.invalid', { input: input.periodKey });
  const { department, all } = await departmentForActor(deps, actor, input.departmentId);
  const asOf = asOfDate(businessDateOf(actor.now, deps.config.timezone), period);
  const rows = (await createOrgTargetRepository(deps.db).orgTargets(period.key)).filter((r) => r.departmentId === input.departmentId);
  const reps = await departmentReps(deps, period, input.departmentId, all);
  const overrides = await createKpiTargetRepository(deps.db).overridesFor(period.key);
  const byLine = groupByLine(rows);
  const lines: DepartmentTargetsView['lines'] = [];
  for (const [lineKey, versions] of byLine) {
    const current = versionOnDate(versions, asOf);
    if (!current) continue;
    const repTargets = reps.map((r) => {
      const templateTarget = r.content.lines.find((l) => l.id === lineKey)?.target;
      return { userId: r.userId, employeeNo: r.employeeNo, name: r.name, target: overrides.get(r.userId)?.get(lineKey) ?? templateTarget ?? null };
    });
    const unit = reps.flatMap((r) => r.content.lines).find((l) => l.id === lineKey);
    lines.push({
      lineKey,
      unit: unit ? indicatorOf(unit.indicator).unit : 'count',
      target: current.target,
      version: current.version,
      validFrom: current.validFrom,
      history: versions.map((v) => ({ version: v.version, target: v.target, validFrom: v.validFrom })),
      reps: repTargets,
      check: sumCheck(current.target, repTargets.map((r) => r.target ?? 0)),
    });
  }
  const choices = splittableLines(reps);
  const repsView = reps.map((r) => ({
    userId: r.userId,
    employeeNo: r.employeeNo,
    name: r.name,
    targets: Object.fromEntries(choices.map((c) => [c.lineKey, overrides.get(r.userId)?.get(c.lineKey) ?? r.content.lines.find((l) => l.id === c.lineKey)?.target ?? null])),
  }));
  return { period: { key: period.key, from: period.startDate, to: period.lastDate }, department: { id: department.id, name: department.name }, lines, choices, reps: repsView };
}

/** The reps' template lines whose indicator is money or a count (a ratio cannot be split), once each. */
function splittableLines(reps: readonly ScoredRep[]): DepartmentTargetsView['choices'] {
  const out = new Map<string, DepartmentTargetsView['choices'][number]>();
  for (const line of reps.flatMap((r) => r.content.lines)) {
    const indicator = indicatorOf(line.indicator);
    if (out.has(line.id) || (indicator.unit !== 'fen' && indicator.unit !== 'count')) continue;
    out.set(line.id, { lineKey: line.id, indicatorName: indicator.name, unit: indicator.unit });
  }
  return [...out.values()];
}

function groupByLine(rows: OrgTargetRow[]): Map<string, OrgTargetRow[]> {
  const out = new Map<string, OrgTargetRow[]>();
  for (const row of rows) out.set(row.lineKey, [...(out.get(row.lineKey) ?? []), row]);
  return out;
}

/** The company targets in force and how the top-level departments' targets add up to them (admins). */
export async function companyTargets(deps: AppDeps, actor: Actor, periodKey: string) {
  if (!actor.user.roles.includes('admin')) throw new ProblemError(problem('FORBIDDEN', 'targets.company.forbidden'));
  const period = parsePeriodKey(periodKey, deps.config.timezone);
  if (!period) throw invalid('web.period.invalid', { input: periodKey });
  const asOf = asOfDate(businessDateOf(actor.now, deps.config.timezone), period);
  const rows = await createOrgTargetRepository(deps.db).orgTargets(period.key);
  const all = new Map((await deps.org.listDepartments()).map((d) => [d.id, d]));
  const lines = [];
  for (const [lineKey, versions] of groupByLine(rows.filter((r) => r.level === 'company'))) {
    const current = versionOnDate(versions, asOf);
    if (!current) continue;
    const departments = [...groupByLine(rows.filter((r) => r.level === 'department' && r.lineKey === lineKey).map((r) => ({ ...r, lineKey: String(r.departmentId) })))].flatMap(([id, v]) => {
      const inForce = versionOnDate(v, asOf);
      return inForce ? [{ departmentId: Number(id), name: all.get(Number(id))?.name ?? id, target: inForce.target }] : [];
    });
    const counted = outermost(departments.map((d) => d.departmentId), all);
    const shown = departments.map((d) => ({ ...d, counted: counted.has(d.departmentId) }));
    lines.push({ lineKey, target: current.target, version: current.version, validFrom: current.validFrom, departments: shown, check: sumCheck(current.target, shown.filter((d) => d.counted).map((d) => d.target)) });
  }
  return { period: { key: period.key, from: period.startDate, to: period.lastDate }, lines };
}
