import type { IndicatorDefinition } from '../kpi/indicators.js';
import { cmp, rat, type Rational } from '../kpi/rational.js';
import { businessDateOf } from '../period.js';
import { paceAchievement, streakCrossingDate, workingDaysBetween } from './rules.js';

/**
 * The daily alert rules as pure functions: facts in (read by the alerts feature), findings out.
 * A finding names its rule, its subject rep and the outbox key part `<period>:<subject>` that makes
 * it once per subject and period; it carries raw values, worded later per reader's language.
 */

export const ALERT_RULES = ['no-visit', 'low-achievement', 'stuck-deal', 'complaint', 'completeness'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** Per rule, the threshold; 0 turns the rule off. Same shape as the config's ALERT_* values. */
export interface AlertThresholdValues {
  noVisitWorkingDays: number;
  monthToDateAchievementBelowPct: number;
  stuckDealDays: number;
  complaintResponseHours: number;
  completenessBelowPct: number;
}

interface Subject {
  /** `<period>:<subject>`, the outbox key is `alert:<rule>:<key>`. */
  key: string;
  repUserId: number;
  /** The rep's name. */
  name: string;
}

export type AlertFinding =
  | (Subject & { rule: 'no-visit'; days: number; last: string | null })
  | (Subject & { rule: 'low-achievement'; indicator: Pick<IndicatorDefinition, 'name' | 'unit'>; actual: Rational; expected: Rational; target: Rational; elapsed: number; days: number; achievement: Rational; thresholdPct: number })
  | (Subject & { rule: 'stuck-deal'; deal: string; customer: string; amountFen: number; stage: string; days: number })
  | (Subject & { rule: 'complaint'; customer: string; hours: number; content: string })
  | (Subject & { rule: 'completeness'; share: Rational; thresholdPct: number });

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface RepFact {
  id: number;
  name: string;
  joinedOn: string | null;
}

/** 1. No visit for N working days: once per streak (keyed by the date the streak reached N). */
export function noVisitFindings(reps: readonly RepFact[], lastVisits: ReadonlyMap<number, string>, workingDays: number, today: string): AlertFinding[] {
  return reps.flatMap((rep): AlertFinding[] => {
    const last = lastVisits.get(rep.id) ?? null;
    // Never visited: count from the day they joined; without a joining date, once ever.
    const base = last ?? rep.joinedOn;
    const crossing = base === null ? 'never' : streakCrossingDate(base, workingDays);
    if (crossing !== 'never' && crossing > today) return [];
    const days = base === null ? workingDays : workingDaysBetween(base, today);
    return [{ rule: 'no-visit', key: `${crossing}:user-${rep.id}`, repUserId: rep.id, name: rep.name, days, last }];
  });
}

/** A rep's month-to-date primary line (e.g. 回款), when it is additive and has an actual and a target. */
export interface PrimaryLineFact {
  userId: number;
  name: string;
  indicator: Pick<IndicatorDefinition, 'name' | 'unit'>;
  actual: Rational;
  target: Rational;
}

/** 2. Month-to-date achievement below X% of pace (the caller checks it is past mid-month): once per month. */
export function lowAchievementFindings(lines: readonly PrimaryLineFact[], belowPct: number, month: { key: string; days: number }, today: string): AlertFinding[] {
  const elapsed = Number(today.slice(8, 10));
  const threshold = rat(belowPct, 100);
  return lines.flatMap((line): AlertFinding[] => {
    const achievement = paceAchievement(line.actual, line.target, elapsed, month.days);
    if (achievement === null || cmp(achievement, threshold) >= 0) return [];
    const expected = rat(line.target.n * BigInt(elapsed), line.target.d * BigInt(month.days));
    return [
      { rule: 'low-achievement', key: `${month.key}:user-${line.userId}`, repUserId: line.userId, name: line.name, indicator: line.indicator, actual: line.actual, expected, target: line.target, elapsed, days: month.days, achievement, thresholdPct: belowPct },
    ];
  });
}

export interface OpenDealFact {
  id: number;
  repUserId: number;
  rep: string;
  title: string | null;
  customer: string;
  amountFen: number;
  stage: string;
  /** When it entered its stage. */
  since: number;
}

/** 3. An open opportunity in one stage for more than N days: once per stage. */
export function stuckDealFindings(deals: readonly OpenDealFact[], maxDays: number, now: number, zone: string): AlertFinding[] {
  return deals.flatMap((deal): AlertFinding[] => {
    const days = Math.floor((now - deal.since) / DAY_MS);
    if (days <= maxDays) return [];
    return [{ rule: 'stuck-deal', key: `${businessDateOf(deal.since, zone)}:deal-${deal.id}`, repUserId: deal.repUserId, name: deal.rep, deal: deal.title ?? deal.customer, customer: deal.customer, amountFen: deal.amountFen, stage: deal.stage, days }];
  });
}

export interface ComplaintFact {
  id: number;
  repUserId: number;
  rep: string;
  customer: string;
  content: string;
  receivedOn: string;
  receivedAt: number;
}

/** 4. A complaint with no first response (the caller reads those received before the cut-off): once per complaint. */
export function complaintFindings(complaints: readonly ComplaintFact[], now: number): AlertFinding[] {
  return complaints.map((c): AlertFinding => ({
    rule: 'complaint',
    key: `${c.receivedOn}:complaint-${c.id}`,
    repUserId: c.repUserId,
    name: c.rep,
    customer: c.customer,
    hours: Math.floor((now - c.receivedAt) / HOUR_MS),
    content: c.content.length > 60 ? `${c.content.slice(0, 60)}…` : c.content,
  }));
}

/** The cut-off for complaint findings: received before it and still unanswered. */
export const complaintCutoff = (now: number, hours: number): number => now - hours * HOUR_MS;

/** 5. The month's record completeness below Y% (only reps whose records have required fields): once per month. */
export function completenessFindings(
  reps: readonly RepFact[],
  measures: ReadonlyMap<number, { completenessFilled: number; completenessRequired: number }>,
  belowPct: number,
  monthKey: string,
): AlertFinding[] {
  const threshold = rat(belowPct, 100);
  return reps.flatMap((rep): AlertFinding[] => {
    const m = measures.get(rep.id);
    if (!m || m.completenessRequired === 0) return [];
    const share = rat(m.completenessFilled, m.completenessRequired);
    if (cmp(share, threshold) >= 0) return [];
    return [{ rule: 'completeness', key: `${monthKey}:user-${rep.id}`, repUserId: rep.id, name: rep.name, share, thresholdPct: belowPct }];
  });
}

/** The "needs attention" order: by rep name (Chinese collation), then rule. */
export function sortFindings<F extends { name: string; rule: string }>(findings: readonly F[]): F[] {
  return [...findings].sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.rule.localeCompare(b.rule));
}
