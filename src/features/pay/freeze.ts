import type { AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import { createPayRuleRepository, type FrozenPay } from '../../db/repositories/pay-rule-repository.js';
import { parsePeriodKey } from '../../domain/period.js';
import type { AppDeps } from '../deps.js';
import { previewPayFor } from './pay-rules.js';

/**
 * On approval, each result's pay preview is computed from its final grade and stored, so later
 * finance confirmations or rule edits never change what an approved result showed. Runs inside the
 * approval's transaction; a result already frozen keeps its figures.
 */
export async function freezePayPreviews(deps: AppDeps, row: AssessmentRow, results: readonly ResultRow[]): Promise<void> {
  const period = parsePeriodKey(row.periodKey, deps.config.timezone);
  if (!period) return;
  const previews = await previewPayFor(deps, period, results.map((r) => ({ userId: r.userId, templateCode: r.templateCode, grade: r.finalGrade })));
  const rows: FrozenPay[] = results.map((r) => {
    const p = previews.get(r.userId);
    return { resultId: r.id, coefficientBp: p?.coefficientBp ?? null, commissionFen: p?.commissionFen ?? null, confirmedFen: p?.confirmedFen ?? 0 };
  });
  await createPayRuleRepository(deps.db).freeze(rows, deps.clock());
}

/** The frozen preview of results (approved ones), by result id. */
export const frozenPay = (deps: AppDeps, resultIds: number[]): Promise<Map<number, FrozenPay>> => createPayRuleRepository(deps.db).frozen(resultIds);
