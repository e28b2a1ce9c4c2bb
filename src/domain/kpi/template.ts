import { z } from 'zod';
import { PERIOD_TYPES, type Period, type PeriodType } from '../period.js';
import { INDICATOR_KEYS, INDICATORS } from './indicators.js';

/**
 * A KPI template: named indicator lines, each with a target, a weight and one scoring rule, plus
 * grade bands and the allowed range of the total. Numbers are plain decimals in the indicator's unit
 * (fen for money, a fraction for ratios: 0.8 = 80%, hours for training) and are turned into exact
 * rationals when scored.
 */

const decimal = z.number().finite();
const nonNegative = decimal.min(0, { error: '不能为负数 (must not be negative)' });

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
      error: '档位必须按起点从低到高排列 (tiers must ascend by "from")',
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
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: '行标识只能用小写字母、数字和下划线 (line id: a-z, 0-9, _)' }),
  indicator: z.enum(INDICATOR_KEYS, { error: `未知指标，可选：${INDICATOR_KEYS.join(', ')} (unknown indicator)` }),
  channel: z.string().min(1).max(40).optional(),
  /** Relative weight for linear and tiered lines (shares are weight ÷ Σ weights); ignored by bonus/deduction. */
  weight: nonNegative.default(0),
  /** Target in the indicator's unit; required by linear lines and by tiered lines on achievement. */
  target: nonNegative.optional(),
  rule: lineRuleSchema,
  /** A line with no data (no denominator) is left out of Σ weights, or scores 0. */
  whenNoData: z.enum(['exclude', 'zero']).default('exclude'),
  /** The line that breaks ties in rankings (default: the first weighted line). */
  primary: z.boolean().optional(),
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
      const at = (message: string) => ctx.addIssue({ code: 'custom', path: ['lines', index], message });
      if (ids.has(line.id)) at(`行标识重复：${line.id} (duplicate line id)`);
      ids.add(line.id);
      const indicator = INDICATORS.get(line.indicator);
      if (indicator?.needsChannel && !line.channel) at(`${line.id}：渠道指标需要指定渠道 (channel indicator needs a channel)`);
      const weighted = line.rule.kind === 'linear' || line.rule.kind === 'tiered';
      if (line.rule.kind === 'linear' && line.target === undefined) at(`${line.id}：线性计分需要目标值 (linear line needs a target)`);
      if (line.rule.kind === 'tiered' && line.rule.basis === 'achievement' && line.target === undefined) {
        at(`${line.id}：按达成率分档需要目标值 (tiers on achievement need a target)`);
      }
      if (weighted && line.weight <= 0) at(`${line.id}：计分行的权重必须大于 0 (weight must be > 0)`);
      if (line.rule.kind === 'linear' && line.rule.gate !== undefined && line.rule.gate > line.rule.cap) {
        at(`${line.id}：门槛不能高于封顶 (gate above cap)`);
      }
    });
    if (!content.lines.some((l) => l.rule.kind === 'linear' || l.rule.kind === 'tiered')) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: '至少需要一行计分指标 (at least one linear or tiered line)' });
    }
    if (content.lines.filter((l) => l.primary).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: '只能有一行作为并列排名依据 (only one primary line)' });
    }
    const bands = content.gradeBands;
    if (bands.some((b, i) => i > 0 && i < bands.length - 1 && b.min >= (bands[i - 1] as GradeBand).min)) {
      ctx.addIssue({ code: 'custom', path: ['gradeBands'], message: '等级分数线必须从高到低排列 (grade bands must descend)' });
    }
    if (content.totalRange.min >= content.totalRange.max) {
      ctx.addIssue({ code: 'custom', path: ['totalRange'], message: '总分范围下限必须小于上限 (min must be below max)' });
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
