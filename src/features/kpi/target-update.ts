import { createKpiScorecardRepository } from '../../db/repositories/kpi-scorecard-repository.js';
import { createKpiTargetRepository, type TargetChangeContext } from '../../db/repositories/kpi-target-repository.js';
import { AppError } from '../../domain/errors.js';
import type { Period } from '../../domain/period.js';
import type { AppDeps } from '../deps.js';

export type { TargetChangeContext };

export interface RepTargetRow {
  userId: number;
  employeeNo: string;
  lineKey: string;
  target: number;
}

function invalid(reason: string): AppError {
  return new AppError('VALIDATION_FAILED', reason, { params: { reason } });
}

/**
 * Sets per-rep targets for a period (admin API and H5 admin page): each must name a line of the
 * template that scores that rep in that period. All or nothing; returns how many were stored.
 */
export async function setRepTargets(deps: AppDeps, period: Period, rows: RepTargetRow[], ctx: TargetChangeContext): Promise<number> {
  const assessed = new Map((await createKpiScorecardRepository(deps.db).scorePeriod(period, { userIds: new Set(rows.map((r) => r.userId)) })).reps.map((r) => [r.userId, r]));
  for (const row of rows) {
    const rep = assessed.get(row.userId);
    if (!rep) throw invalid(`${row.employeeNo} 在 ${period.key} 不在考核范围 (not assessed in that period)`);
    if (!rep.content.lines.some((l) => l.id === row.lineKey)) {
      throw invalid(`模板「${rep.content.name}」里没有指标行「${row.lineKey}」，可选：${rep.content.lines.map((l) => l.id).join('、')}`);
    }
  }
  return createKpiTargetRepository(deps.db).setMany(rows.map((row) => ({ userId: row.userId, periodKey: period.key, lineKey: row.lineKey, target: row.target })), ctx);
}

/** The per-rep targets set for a period: user id -> line key -> target (in the indicator's unit). */
export const targetOverrides = (deps: AppDeps, periodKey: string): Promise<Map<number, Map<string, number>>> => createKpiTargetRepository(deps.db).overridesFor(periodKey);
