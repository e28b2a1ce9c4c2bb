import { inTransaction } from '../../db/client.js';
import { createFinanceRepository } from '../../db/repositories/finance-repository.js';
import { matchReceipts } from '../../domain/finance/match.js';
import { validateReceiptRows } from '../../domain/finance/receipt-rows.js';
import type { ReceiptSource } from '../../domain/finance/vocabulary.js';
import type { RowError } from '../../domain/org/import-rows.js';
import { problem, ProblemError } from '../../domain/problem.js';
import type { Actor, SystemActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { TabularRecord } from '../imports/tabular.js';
import { YIELD_EVERY_ROWS, yieldToEventLoop } from '../imports/yield.js';
import { financeAudit, requireFinance } from './access.js';

export interface MatchCounts {
  matched: number;
  ambiguous: number;
  unmatchedReceipts: number;
  unmatchedClaims: number;
}

/**
 * Matches every open receipt to the open claims and links the pairs that pick each other alone,
 * marking those payments 'finance'. Runs after each import and on demand (a claim typed after its
 * receipt came in).
 */
export async function runFinanceMatching(deps: AppDeps, actor: Actor | SystemActor): Promise<MatchCounts> {
  requireFinance(actor);
  const repo = createFinanceRepository(deps.db);
  return inTransaction(deps.db, async () => {
    const receipts = (await repo.openReceipts()).map((r) => ({ id: r.id, customerKey: r.customerKey, amountFen: r.amountFen, date: r.receivedOn }));
    const claims = (await repo.openClaims()).map((c) => ({ id: c.id, customerKeys: c.customerKeys, amountFen: c.amountFen, date: c.paidOn }));
    const outcome = matchReceipts(receipts, claims, deps.config.finance);
    for (const { receiptId, claimId } of outcome.matched) await repo.link(financeAudit(actor), receiptId, claimId, 'auto');
    return { matched: outcome.matched.length, ambiguous: outcome.ambiguous.length, unmatchedReceipts: outcome.unmatchedReceipts.length, unmatchedClaims: outcome.unmatchedClaims.length };
  });
}

export type ReceiptImportResult = ({ ok: true; added: number; alreadyImported: number } & MatchCounts) | { ok: false; errors: RowError[] };

/**
 * Imports a bank statement or ERP export (日期, 客户, 金额, 单号, 备注), all or nothing; a 单号 this
 * source already has is skipped, so the same file twice adds nothing. Then matches.
 */
export async function importReceipts(deps: AppDeps, actor: Actor | SystemActor, input: { source: ReceiptSource; records: TabularRecord[] }): Promise<ReceiptImportResult> {
  requireFinance(actor);
  if (input.records.length === 0) throw new ProblemError(problem('VALIDATION_FAILED', 'finance.problem.empty'));
  const validated = validateReceiptRows(input.records, deps.config.maxAmountFen);
  if (!validated.ok) return validated;
  const repo = createFinanceRepository(deps.db);
  let added = 0;
  await inTransaction(deps.db, async () => {
    for (const [index, row] of validated.rows.entries()) {
      const stored = await repo.insertReceipt(financeAudit(actor), { source: input.source, reference: row.reference, receivedOn: row.receivedOn, customerName: row.customerName, customerKey: row.customerKey, amountFen: row.amountFen, note: row.note });
      if (stored) added += 1;
      if ((index + 1) % YIELD_EVERY_ROWS === 0) await yieldToEventLoop();
    }
  });
  const counts = await runFinanceMatching(deps, actor);
  return { ok: true, added, alreadyImported: validated.rows.length - added, ...counts };
}
