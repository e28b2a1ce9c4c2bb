import type { AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import { createPayRuleRepository, type FrozenPay } from '../../db/repositories/pay-rule-repository.js';
import { parsePeriodKey, type Period } from '../../domain/period.js';
import type { PayPreview } from '../../domain/pay/pay-rule.js';
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

/**
 * The pay preview on a rep's scorecard: the figures frozen with the approved result, else the live
 * preview from the grade so far and the 回款 finance confirmed so far.
 */
export async function scorecardPay(deps: AppDeps, period: Period, rep: { userId: number; templateCode: string; grade: string | null }): Promise<PayPreview & { frozen: boolean }> {
  const frozen = await createPayRuleRepository(deps.db).frozenFor(rep.userId, period.key);
  if (frozen) return { coefficientBp: frozen.coefficientBp, commissionFen: frozen.commissionFen, frozen: true };
  const live = (await previewPayFor(deps, period, [rep])).get(rep.userId);
  return { coefficientBp: live?.coefficientBp ?? null, commissionFen: live?.commissionFen ?? null, frozen: false };
}
