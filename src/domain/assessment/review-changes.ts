/** One rep's result as a round was submitted (kept in the submit's audit row). */
export interface SubmittedResult {
  userId: number;
  finalCenti: number;
  adjustmentCenti: number;
  reason: string | null;
}

export interface ReviewChange {
  userId: number;
  beforeCenti: number;
  afterCenti: number;
  beforeReason: string | null;
  afterReason: string | null;
}

/**
 * What a resubmission changed against the round before it, per rep: final points or the adjustment's
 * reason. Reps new to the round count from their unadjusted total; none when there was no earlier round.
 */
export function reviewChanges(before: readonly SubmittedResult[] | null, after: readonly SubmittedResult[]): ReviewChange[] {
  if (before === null) return [];
  const earlier = new Map(before.map((r) => [r.userId, r]));
  return after.flatMap((now) => {
    const was = earlier.get(now.userId);
    if (!was || (was.finalCenti === now.finalCenti && was.reason === now.reason)) return [];
    return [{ userId: now.userId, beforeCenti: was.finalCenti, afterCenti: now.finalCenti, beforeReason: was.reason, afterReason: now.reason }];
  });
}
