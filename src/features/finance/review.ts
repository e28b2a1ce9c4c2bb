import { inTransaction } from '../../db/client.js';
import { createFinanceRepository, type OpenClaim, type Receipt } from '../../db/repositories/finance-repository.js';
import { formatYuan } from '../../domain/commands/amount.js';
import { fits, matchReceipts } from '../../domain/finance/match.js';
import { problem, ProblemError } from '../../domain/problem.js';
import type { Actor, SystemActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { financeAudit, requireFinance } from './access.js';

const receiptView = (r: Receipt) => ({ id: r.id, source: r.source, reference: r.reference, receivedOn: r.receivedOn, customerName: r.customerName, amountFen: r.amountFen, amountYuan: formatYuan(r.amountFen), note: r.note });
const claimView = (c: OpenClaim) => ({ id: c.id, customerName: c.customerName, repName: c.repName, paidOn: c.paidOn, amountFen: c.amountFen, amountYuan: formatYuan(c.amountFen) });

/**
 * What finance has to look at: receipts no claim fits, claims no receipt fits, and receipts with
 * several fitting claims (each with its candidates). Every open claim can be picked by hand too.
 */
export async function financeReview(deps: AppDeps, actor: Actor | SystemActor) {
  requireFinance(actor);
  const repo = createFinanceRepository(deps.db);
  const receipts = await repo.openReceipts();
  const claims = await repo.openClaims();
  const outcome = matchReceipts(
    receipts.map((r) => ({ id: r.id, customerKey: r.customerKey, amountFen: r.amountFen, date: r.receivedOn })),
    claims.map((c) => ({ id: c.id, customerKeys: c.customerKeys, amountFen: c.amountFen, date: c.paidOn })),
    deps.config.finance,
  );
  const receiptById = new Map(receipts.map((r) => [r.id, r]));
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const pick = <T>(map: Map<number, T>, ids: number[]) => ids.flatMap((id) => (map.has(id) ? [map.get(id) as T] : []));
  return {
    rules: { toleranceYuan: formatYuan(deps.config.finance.toleranceFen), days: deps.config.finance.days },
    // Pairs that fit alone but were not linked yet (a claim typed after the import): one click confirms.
    unlinkedMatches: outcome.matched.map((m) => ({ receipt: receiptView(receiptById.get(m.receiptId) as Receipt), claim: claimView(claimById.get(m.claimId) as OpenClaim) })),
    ambiguous: outcome.ambiguous.map((a) => ({ receipt: receiptView(receiptById.get(a.receiptId) as Receipt), candidates: pick(claimById, a.claimIds).map(claimView) })),
    unmatchedReceipts: pick(receiptById, outcome.unmatchedReceipts).map(receiptView),
    unmatchedClaims: pick(claimById, outcome.unmatchedClaims).map(claimView),
    openClaims: claims.map(claimView),
  };
}

/** Finance picks the claim a receipt pays: the payment becomes 'finance', audited as a hand match. */
export async function matchReceiptByHand(deps: AppDeps, actor: Actor | SystemActor, input: { receiptId: number; paymentId: number }): Promise<{ ok: true; withinRules: boolean }> {
  requireFinance(actor);
  const repo = createFinanceRepository(deps.db);
  return inTransaction(deps.db, async () => {
    const receipt = await repo.receipt(input.receiptId);
    if (!receipt || receipt.paymentId !== null) throw new ProblemError(problem('NOT_FOUND', 'finance.problem.receiptNotOpen'));
    const [claim] = await repo.openClaims([input.paymentId]);
    if (!claim) throw new ProblemError(problem('NOT_FOUND', 'finance.problem.claimNotOpen'));
    await repo.link(financeAudit(actor), receipt.id, claim.id, 'hand');
    // A person may overrule the rules (a bank fee, a late booking); the answer says whether they did.
    return { ok: true, withinRules: fits({ id: receipt.id, customerKey: receipt.customerKey, amountFen: receipt.amountFen, date: receipt.receivedOn }, { ...claim, date: claim.paidOn }, deps.config.finance) };
  });
}

/** Finance found no such money: the claim leaves the review list and never counts as 'finance'. */
export async function rejectClaim(deps: AppDeps, actor: Actor | SystemActor, input: { paymentId: number; reason: string }): Promise<{ ok: true }> {
  requireFinance(actor);
  const repo = createFinanceRepository(deps.db);
  return inTransaction(deps.db, async () => {
    const [claim] = await repo.openClaims([input.paymentId]);
    if (!claim) throw new ProblemError(problem('NOT_FOUND', 'finance.problem.claimNotOpen'));
    await repo.reject(financeAudit(actor), claim.id, input.reason);
    return { ok: true as const };
  });
}
