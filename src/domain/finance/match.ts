import { daysBetween } from '../records/business-date.js';

/**
 * Matching finance receipts to payments reps claimed (回款): the same customer (dedupe keys of its
 * name and aliases), the amount within `toleranceFen`, the date within `days` either way. A receipt
 * is matched only when it and its claim pick each other alone; anything else goes to a person.
 */
export interface MatchReceipt {
  id: number;
  customerKey: string;
  amountFen: number;
  date: string;
}

export interface MatchClaim {
  id: number;
  /** The claim's customer: the normalised name and every alias. */
  customerKeys: readonly string[];
  amountFen: number;
  date: string;
}

export interface MatchRules {
  toleranceFen: number;
  days: number;
}

export interface MatchOutcome {
  matched: { receiptId: number; claimId: number }[];
  /** Receipts with more than one claim that fits, or whose one claim also fits another receipt. */
  ambiguous: { receiptId: number; claimIds: number[] }[];
  unmatchedReceipts: number[];
  /** Claims no receipt fits. */
  unmatchedClaims: number[];
}

export function fits(receipt: MatchReceipt, claim: MatchClaim, rules: MatchRules): boolean {
  return (
    claim.customerKeys.includes(receipt.customerKey) &&
    Math.abs(receipt.amountFen - claim.amountFen) <= rules.toleranceFen &&
    Math.abs(daysBetween(claim.date, receipt.date)) <= rules.days
  );
}

export function matchReceipts(receipts: readonly MatchReceipt[], claims: readonly MatchClaim[], rules: MatchRules): MatchOutcome {
  const candidates = new Map(receipts.map((r) => [r.id, claims.filter((c) => fits(r, c, rules)).map((c) => c.id)]));
  const fitting = new Map<number, number>();
  for (const ids of candidates.values()) for (const id of ids) fitting.set(id, (fitting.get(id) ?? 0) + 1);
  const outcome: MatchOutcome = { matched: [], ambiguous: [], unmatchedReceipts: [], unmatchedClaims: claims.filter((c) => !fitting.has(c.id)).map((c) => c.id) };
  for (const receipt of receipts) {
    const ids = candidates.get(receipt.id) ?? [];
    const [only] = ids;
    if (ids.length === 0) outcome.unmatchedReceipts.push(receipt.id);
    else if (ids.length === 1 && only !== undefined && fitting.get(only) === 1) outcome.matched.push({ receiptId: receipt.id, claimId: only });
    else outcome.ambiguous.push({ receiptId: receipt.id, claimIds: ids });
  }
  return outcome;
}
