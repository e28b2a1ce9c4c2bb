import { z } from 'zod';
import type { MessageKey } from '../message-key.js';

/**
 * What a grade pays, as a preview for HR (not payroll): a bonus coefficient per grade and, optionally,
 * a progressive commission on the period's finance-confirmed 回款. Coefficients and rates are basis
 * points (1.2 = 12000, 3% = 300) and amounts are fen, so nothing stored is a float.
 */
export const BASIS_POINTS = 10_000n;

const bp = z.number().int().min(0).max(1_000_000);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const payRuleSchema = z
  .object({
    coefficients: z.array(z.object({ grade: z.string().min(1).max(8), bp })).min(1).max(20),
    /** Tiers by the period's confirmed amount: each rate applies to the part of the amount from `fromFen` up to the next tier. */
    commission: z
      .object({ tiers: z.array(z.object({ fromFen: fen, rateBp: bp })).min(1).max(20) })
      .nullable()
      .default(null),
  })
  .superRefine((rule, ctx) => {
    const grades = rule.coefficients.map((c) => c.grade);
    if (new Set(grades).size !== grades.length) ctx.addIssue({ code: 'custom', path: ['coefficients'], message: 'pay.rule.duplicateGrade' satisfies MessageKey });
    const tiers = rule.commission?.tiers ?? [];
    if (tiers.length > 0 && tiers[0]?.fromFen !== 0) ctx.addIssue({ code: 'custom', path: ['commission', 'tiers', 0, 'fromFen'], message: 'pay.rule.firstTierAtZero' satisfies MessageKey });
    for (let i = 1; i < tiers.length; i++) {
      if ((tiers[i]?.fromFen ?? 0) <= (tiers[i - 1]?.fromFen ?? 0)) ctx.addIssue({ code: 'custom', path: ['commission', 'tiers', i, 'fromFen'], message: 'pay.rule.tiersRise' satisfies MessageKey });
    }
  });
export type PayRule = z.infer<typeof payRuleSchema>;

export const DEFAULT_PAY_RULE: PayRule = {
  coefficients: [
    { grade: 'S', bp: 15_000 },
    { grade: 'A', bp: 12_000 },
    { grade: 'B', bp: 10_000 },
    { grade: 'C', bp: 8_000 },
    { grade: 'D', bp: 0 },
  ],
  commission: null,
};

/** The grade's coefficient in basis points; null when the grade is unknown or there is no grade yet. */
export function coefficientFor(rule: PayRule, grade: string | null): number | null {
  if (grade === null) return null;
  return rule.coefficients.find((c) => c.grade === grade)?.bp ?? null;
}

/**
 * Progressive commission in fen: each tier's rate on the slice of `confirmedFen` inside that tier,
 * summed exactly and rounded half up once at the end (so slices never lose a fen each).
 */
export function commissionFen(rule: PayRule, confirmedFen: number): number {
  const tiers = rule.commission?.tiers ?? [];
  const amount = BigInt(Math.max(0, Math.trunc(confirmedFen)));
  let scaled = 0n;
  for (let i = 0; i < tiers.length; i++) {
    const from = BigInt(tiers[i]?.fromFen ?? 0);
    const next = tiers[i + 1];
    const to = next ? BigInt(next.fromFen) : amount;
    const top = amount < to ? amount : to;
    if (top > from) scaled += (top - from) * BigInt(tiers[i]?.rateBp ?? 0);
  }
  return Number((scaled * 2n + BASIS_POINTS) / (2n * BASIS_POINTS));
}

export interface PayPreview {
  coefficientBp: number | null;
  commissionFen: number | null;
}

/** The preview for one rep: the coefficient of their grade and the commission on their confirmed 回款. */
export function previewPay(rule: PayRule, grade: string | null, confirmedFen: number): PayPreview {
  return { coefficientBp: coefficientFor(rule, grade), commissionFen: rule.commission ? commissionFen(rule, confirmedFen) : null };
}

/** "1.2" from 12000 basis points: up to four decimals, trailing zeros trimmed. */
export function formatCoefficient(bpValue: number): string {
  const whole = Math.trunc(bpValue / 10_000);
  const fraction = String(bpValue % 10_000).padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}.0`;
}
