import { z } from 'zod';
import type { MessageKey } from '../message-key.js';
import { PERIOD_TYPES, type Period, type PeriodType } from '../period.js';
import { INDICATOR_KEYS, INDICATORS } from './indicators.js';
import { verificationRuleSchema } from './verification-rule.js';

/**
 * A KPI template: named indicator lines, each with a target, a weight and one scoring rule, plus
 * grade bands and the allowed range of the total. Numbers are plain decimals in the indicator's unit
 * (fen for money, a fraction for ratios: 0.8 = 80%, hours for training) and are turned into exact
 * rationals when scored.
 */

const decimal = z.number().finite();
const nonNegative = decimal.min(0, { error: 'kpi.template.negative' satisfies MessageKey });

export const linearRuleSchema = z.object({
  kind: z.literal('linear'),
  /** Achievement below the gate (a fraction, 0.6 = 60%) scores 0; exactly at the gate scores normally. */
  gate: nonNegative.optional(),
  /** The most a line can score, as an achievement fraction (1.2 = 120%). */
  cap: decimal.min(0.01).max(10).default(1.2),
});

export const tieredRuleSchema = z.object({
  kind: z.literal('tiered'),
  /** Compare the actual value (in the indicator's unit) or the achievement fraction with the tiers. */
  basis: z.enum(['actual', 'achievement']).default('actual'),
  /** Reaching `from` (≥) earns `points`; the highest tier reached counts; below every tier earns 0. */
  tiers: z
    .array(z.object({ from: decimal, points: nonNegative }))
    .min(1)
    .refine((tiers) => tiers.every((tier, i) => i === 0 || tier.from > (tiers[i - 1] as { from: number }).from), {
      error: 'kpi.template.tiersAscend' satisfies MessageKey,
    }),
});

export const deductionRuleSchema = z.object({
  kind: z.literal('deduction'),
  perUnit: decimal.positive(),
  /** The most this line can take off the total (the floor of the line). */
  maxPoints: nonNegative,
});

export const bonusRuleSchema = z.object({
  kind: z.literal('bonus'),
  perUnit: decimal.positive(),
  /** The most this line can add to the total. */
  maxPoints: nonNegative,
});

export const lineRuleSchema = z.discriminatedUnion('kind', [linearRuleSchema, tieredRuleSchema, deductionRuleSchema, bonusRuleSchema]);
export type LineRule = z.infer<typeof lineRuleSchema>;

export const templateLineSchema = z.object({
  /** Stable key of the line inside the template, used by target overrides and imports. */
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'kpi.template.lineId' satisfies MessageKey }),
  indicator: z.enum(INDICATOR_KEYS, { error: 'kpi.template.unknownIndicator' satisfies MessageKey }),
  salesChannel: z.string().min(1).max(40).optional(),
  /** Relative weight for linear and tiered lines (shares are weight ÷ Σ weights); ignored by bonus/deduction. */
  weight: nonNegative.default(0),
  /** Target in the indicator's unit; required by linear lines and by tiered lines on achievement. */
  target: nonNegative.optional(),
  rule: lineRuleSchema,
  /** A line with no data (no denominator) is left out of Σ weights, or scores 0. */
  whenNoData: z.enum(['exclude', 'zero']).default('exclude'),
  /** The line that breaks ties in rankings (default: the first weighted line). */
  primary: z.boolean().optional(),
  /** Which verifications of the indicator's records count, and at what weight; absent = every record. */
  verification: verificationRuleSchema.optional(),
  /** The most of the actual that counts in one period (indicator unit, e.g. training hours), prorated like targets. */
  actualCap: nonNegative.optional(),
});
export type TemplateLine = z.infer<typeof templateLineSchema>;

export const GRADES = ['S', 'A', 'B', 'C', 'D'] as const;
export type Grade = string;

export const gradeBandSchema = z.object({ grade: z.string().min(1).max(8), min: decimal });
export type GradeBand = z.infer<typeof gradeBandSchema>;

export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { grade: 'S', min: 95 },
  { grade: 'A', min: 85 },
  { grade: 'B', min: 70 },
  { grade: 'C', min: 60 },
  // D is everything below 60: the last band catches all lower totals whatever its min.
  { grade: 'D', min: 0 },
];

export const templateContentSchema = z
  .object({
    name: z.string().min(1).max(60),
    periodType: z.enum(PERIOD_TYPES as [PeriodType, ...PeriodType[]]),
    lines: z.array(templateLineSchema).min(1).max(30),
    /** Highest first; the last band catches everything below (its `min` is ignored). */
    gradeBands: z.array(gradeBandSchema).min(1).max(10).default(DEFAULT_GRADE_BANDS),
    /** The total is clamped into this range after bonus and deductions. */
    totalRange: z.object({ min: decimal, max: decimal }).default({ min: 0, max: 120 }),
  })
  .superRefine((content, ctx) => {
    const ids = new Set<string>();
    content.lines.forEach((line, index) => {
      const at = (message: MessageKey) => ctx.addIssue({ code: 'custom', path: ['lines', index], message, params: { line: line.id } });
      if (ids.has(line.id)) at('kpi.template.duplicateLine');
      ids.add(line.id);
      const indicator = INDICATORS.get(line.indicator);
      if (indicator?.needsSalesChannel && !line.salesChannel) at('kpi.template.channelNeeded');
      const weighted = line.rule.kind === 'linear' || line.rule.kind === 'tiered';
      if (line.rule.kind === 'linear' && line.target === undefined) at('kpi.template.linearTarget');
      if (line.rule.kind === 'tiered' && line.rule.basis === 'achievement' && line.target === undefined) {
        at('kpi.template.tiersTarget');
      }
      if (weighted && line.weight <= 0) at('kpi.template.weight');
      if (line.rule.kind === 'linear' && line.rule.gate !== undefined && line.rule.gate > line.rule.cap) {
        at('kpi.template.gateAboveCap');
      }
    });
    if (!content.lines.some((l) => l.rule.kind === 'linear' || l.rule.kind === 'tiered')) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'kpi.template.noScoredLine' satisfies MessageKey });
    }
    if (content.lines.filter((l) => l.primary).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'kpi.template.onePrimary' satisfies MessageKey });
    }
    const bands = content.gradeBands;
    if (bands.some((b, i) => i > 0 && i < bands.length - 1 && b.min >= (bands[i - 1] as GradeBand).min)) {
      ctx.addIssue({ code: 'custom', path: ['gradeBands'], message: 'kpi.template.bandsDescend' satisfies MessageKey });
    }
    if (content.totalRange.min >= content.totalRange.max) {
      ctx.addIssue({ code: 'custom', path: ['totalRange'], message: 'kpi.template.rangeEmpty' satisfies MessageKey });
    }
  });
export type TemplateContent = z.infer<typeof templateContentSchema>;
export type TemplateContentInput = z.input<typeof templateContentSchema>;

/** One saved version of a template: edits never change a version, they add one. */
export interface TemplateVersion {
  templateId: number;
  version: number;
  /** The first business date this version scores ('YYYY-MM-DD', a period start). */
  effectiveFrom: string;
  content: TemplateContent;
}

/**
 * The version that scores a period: the newest version in force on the period's first day. A later
 * edit (effective from a later period) never changes how an earlier period is scored.
 */
export function versionInForce<V extends Pick<TemplateVersion, 'version' | 'effectiveFrom'>>(versions: readonly V[], period: Period): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > period.startDate) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** The line that breaks ties: the one marked primary, else the first weighted line. */
export function primaryLineOf(content: TemplateContent): TemplateLine | undefined {
  return content.lines.find((l) => l.primary) ?? content.lines.find((l) => l.rule.kind === 'linear' || l.rule.kind === 'tiered');
}
