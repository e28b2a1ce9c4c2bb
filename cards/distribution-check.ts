import type { DistributionCheck, Rounding } from '../src/domain/kpi/distribution.js';
import { t, type Locale } from '../src/i18n/index.js';

/** The forced-distribution check as a card shows it: the team size, the rounding used and each limit. */
export interface DistributionCheckView {
  total: number;
  rounding: Rounding;
  checks: DistributionCheck[];
}

/** "S ≤ 10% → ⌈6 × 10%⌉ = 1 人": which way each limit was rounded, so the card says so. */
function ruleText(check: DistributionCheck, view: DistributionCheckView, locale: Locale): string {
  const roundsUp = (check.kind === 'max') === (view.rounding === 'small-team');
  const formula = `${roundsUp ? '⌈' : '⌊'}${view.total} × ${check.percent}%${roundsUp ? '⌉' : '⌋'}`;
  return t(locale, 'distribution.rule', { grade: check.grade, op: check.kind === 'max' ? '≤' : '≥', percent: check.percent, formula, limit: check.limit });
}

/** The rounding line first, then one plain line per limit ("S 级 1 人，上限 1 人 ✓"). */
export function distributionCheckLines(view: DistributionCheckView, locale: Locale): string[] {
  const rules = view.checks.map((c) => ruleText(c, view, locale)).join(locale === 'zh' ? '；' : '; ');
  const header = t(locale, `distribution.rounding.${view.rounding}`, { n: view.total, rules });
  const lines = view.checks.map((c) => t(locale, `distribution.check.${c.kind}${c.ok ? 'Ok' : 'Breach'}`, { grade: c.grade, count: c.count, limit: c.limit }));
  return [header, ...lines];
}

export function isBreached(view: DistributionCheckView): boolean {
  return view.checks.some((c) => !c.ok);
}
