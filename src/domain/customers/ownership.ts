/** Why a stretch of ownership began: made by the rep, handed over, left by a leaver, returned to the pool, claimed from it. */
export const OWNERSHIP_REASONS = ['created', 'handover', 'leaver', 'pool', 'claim'] as const;
export type OwnershipReason = (typeof OWNERSHIP_REASONS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant before which a customer's last activity sends it back to the pool; null when the pool is off (0 days). */
export function poolCutoff(now: number, poolAfterDays: number): number | null {
  return poolAfterDays > 0 ? now - poolAfterDays * DAY_MS : null;
}
