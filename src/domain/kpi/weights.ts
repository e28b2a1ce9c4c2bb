import { div, sum, type Rational } from './rational.js';

/**
 * Weight redistribution, stated once. Every weighted line has a configured weight (what the template
 * says, shown on the card as a share of the configured total: 30 / 30 / 40 → 30% / 30% / 40%). A line
 * that cannot be scored this period (no data, no target) drops out ("无数据，本期不计") and the lines
 * that remain share its weight in proportion to their own: 30 / 30 / 40 with the first line out →
 * 30 / 70 and 40 / 70 (42.86% / 57.14% rounded). When every line drops out there is no total.
 * Exact rationals: the engine rounds once, for display.
 */

export interface WeightLine {
  id: string;
  weight: Rational;
  /** False when the line cannot be scored this period (it drops out of Σ weights). */
  counted: boolean;
}

export interface LineWeight {
  id: string;
  /** The configured weight as a share of the configured total (0.3 = 30%). */
  configured: Rational;
  /** The share the line carries this period; null when it dropped out. */
  effective: Rational | null;
}

export interface WeightRedistribution {
  lines: LineWeight[];
  /** True when at least one line dropped out and the others were scaled up. */
  redistributed: boolean;
  /** False when no line counts: there is no total. */
  hasTotal: boolean;
}

export function redistributeWeights(lines: readonly WeightLine[]): WeightRedistribution {
  const configuredTotal = sum(lines.map((l) => l.weight));
  const countedTotal = sum(lines.filter((l) => l.counted).map((l) => l.weight));
  const hasTotal = countedTotal.n > 0n;
  return {
    lines: lines.map((l) => ({
      id: l.id,
      configured: configuredTotal.n > 0n ? div(l.weight, configuredTotal) : l.weight,
      effective: l.counted && hasTotal ? div(l.weight, countedTotal) : null,
    })),
    redistributed: hasTotal && lines.some((l) => !l.counted && l.weight.n > 0n),
    hasTotal,
  };
}
