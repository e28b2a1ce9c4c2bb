import { z } from 'zod';
import type { MessageKey } from '../message-key.js';
import { VERIFICATIONS, type Verification } from '../records/vocabulary.js';
import type { IndicatorKey } from './indicators.js';
import type { RepMeasures, VerifiedMeasures } from './measures.js';

/**
 * Which verifications a template line counts (issue 17), and at what weight: "visits: located or
 * manager-confirmed only", "satisfaction: customer answers only". A line without a rule counts every
 * record at full weight, so templates saved before the rule existed keep their scores.
 */

const verification = z.enum(VERIFICATIONS);

export const verificationRuleSchema = z
  .object({
    /** The verifications that count; every other record is left out (and said so on the scorecard). */
    count: z.array(verification).min(1, { error: 'kpi.template.verificationEmpty' satisfies MessageKey }),
    /** Weight of a counted verification (0–1, default 1): self 0.5 counts two typed visits as one. */
    weights: z.partialRecord(verification, z.number().min(0).max(1)).optional(),
  })
  .superRefine((rule, ctx) => {
    for (const key of Object.keys(rule.weights ?? {}) as Verification[]) {
      if (!rule.count.includes(key)) ctx.addIssue({ code: 'custom', path: ['weights', key], message: 'kpi.template.verificationWeight' satisfies MessageKey });
    }
  });
export type VerificationRule = z.infer<typeof verificationRuleSchema>;

/** The record table behind an indicator, when its records carry a verification. */
export type VerifiedSource = 'visits' | 'payments' | 'surveys' | 'complaints' | 'trainings';

const SOURCE_OF: Partial<Record<IndicatorKey, VerifiedSource>> = {
  visits: 'visits',
  payments_collected: 'payments',
  collection_rate: 'payments',
  average_satisfaction: 'surveys',
  complaints: 'complaints',
  complaints_unresolved: 'complaints',
  complaint_response_24h_rate: 'complaints',
  training_hours: 'trainings',
};

export const verifiedSourceOf = (indicator: IndicatorKey): VerifiedSource | undefined => SOURCE_OF[indicator];

/** The measure fields each source fills, and the one that counts its records. */
const FIELDS: Record<VerifiedSource, { records: keyof VerifiedMeasures; sums: (keyof VerifiedMeasures & keyof RepMeasures)[] }> = {
  visits: { records: 'visits', sums: ['visits'] },
  payments: { records: 'payments', sums: ['paymentsFen'] },
  surveys: { records: 'satisfactionCount', sums: ['satisfactionSum', 'satisfactionCount'] },
  complaints: { records: 'complaints', sums: ['complaints', 'complaintsRespondedIn24h', 'complaintsUnresolved'] },
  trainings: { records: 'trainings', sums: ['trainingMinutes'] },
};

/** The weight a record of this verification carries under the rule (1 for every record without a rule). */
export function verificationWeight(rule: VerificationRule | undefined, v: Verification): number {
  if (!rule) return 1;
  if (!rule.count.includes(v)) return 0;
  return rule.weights?.[v] ?? 1;
}

export interface RuledMeasures {
  measures: RepMeasures;
  /** Records of the line's source that the rule left out (weight 0), by verification. */
  leftOut: number;
  source: VerifiedSource | undefined;
}

// Weighted sums are kept to 4 decimals so a float product (0.1 × 3) reads as the decimal it means.
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * The measures one line is scored on: the source's sums over the verifications the rule counts, each
 * times its weight, and how many records were left out. Other indicators' measures pass through.
 */
export function applyVerificationRule(measures: RepMeasures, indicator: IndicatorKey, rule: VerificationRule | undefined): RuledMeasures {
  const source = verifiedSourceOf(indicator);
  if (!rule || !source) return { measures, leftOut: 0, source };
  const { records, sums } = FIELDS[source];
  const out: RepMeasures = { ...measures };
  for (const field of sums) out[field] = 0;
  let leftOut = 0;
  for (const [v, slice] of Object.entries(measures.byVerification) as [Verification, VerifiedMeasures][]) {
    const weight = verificationWeight(rule, v);
    if (weight === 0) leftOut += slice[records];
    for (const field of sums) out[field] = round4(out[field] + weight * slice[field]);
  }
  return { measures: out, leftOut, source };
}
