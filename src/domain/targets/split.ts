import { rat, roundHalfUp, div, type Rational } from '../kpi/rational.js';

/** How a department target is shared among its reps. */
export const SPLIT_METHODS = ['even', 'share', 'manual'] as const;
export type SplitMethod = (typeof SPLIT_METHODS)[number];

/**
 * Shares `total` (whole units: fen or a count) in proportion to `weights` so that the parts are whole
 * and add up to `total` exactly (largest remainder, Hamilton's method). Ties in the remainder go to
 * the earlier entry, so the same input always gives the same split. All weights zero: even split.
 */
export function largestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  if (total < 0n || weights.some((w) => w < 0n)) throw new RangeError('negative total or weight');
  let sumW = weights.reduce((a, b) => a + b, 0n);
  const ws = sumW === 0n ? weights.map(() => 1n) : [...weights];
  if (sumW === 0n) sumW = BigInt(ws.length);
  const parts = ws.map((w) => (total * w) / sumW);
  const remainders = ws.map((w, i) => ({ i, r: (total * w) % sumW }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    left -= 1n;
  }
  return parts;
}

export interface SplitInput {
  method: SplitMethod;
  total: number;
  /** The reps, in the order the split is shown; `lastActual` is the indicator's actual last period. */
  reps: readonly { userId: number; lastActual?: number; manual?: number }[];
}

export interface SplitResult {
  /** The method that was applied: 'share' falls back to 'even' when nobody had an actual last period. */
  applied: SplitMethod;
  parts: { userId: number; target: number }[];
}

function whole(value: number): bigint {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a whole non-negative amount: ${value}`);
  return BigInt(value);
}

/** Splits a department target among its reps; by hand, the given amounts are taken as they are. */
export function splitTarget(input: SplitInput): SplitResult {
  const { reps } = input;
  if (input.method === 'manual') {
    return { applied: 'manual', parts: reps.map((r) => ({ userId: r.userId, target: Number(whole(r.manual ?? 0)) })) };
  }
  const weights = input.method === 'share' ? reps.map((r) => whole(Math.max(0, Math.round(r.lastActual ?? 0)))) : reps.map(() => 1n);
  const applied: SplitMethod = input.method === 'share' && weights.some((w) => w > 0n) ? 'share' : 'even';
  const parts = largestRemainder(whole(input.total), weights);
  return { applied, parts: reps.map((r, i) => ({ userId: r.userId, target: Number(parts[i]) })) };
}

export interface SumCheck {
  target: number;
  allocated: number;
  /** allocated − target: negative when the reps' targets fall short of the department's. */
  difference: number;
  /** allocated as a percentage of the target, one decimal ("98.5"); null when the target is 0. */
  percent: string | null;
}

/** How far the reps' targets are from the department's. */
export function sumCheck(target: number, allocated: readonly number[]): SumCheck {
  const total = allocated.reduce((a, b) => a + b, 0);
  const percent = target === 0 ? null : formatPercent(div(rat(total * 100), rat(target)));
  return { target, allocated: total, difference: total - target, percent };
}

function formatPercent(value: Rational): string {
  const tenths = roundHalfUp(value, 1);
  const negative = tenths < 0n;
  const abs = negative ? -tenths : tenths;
  return `${negative ? '-' : ''}${abs / 10n}.${abs % 10n}`;
}

