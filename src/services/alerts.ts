import { alertCard, type AlertRule } from '../../cards/alert.js';
import type { BotDeps } from '../bot/deps.js';
import { createAlertFactsRepository } from '../db/repositories/alert-facts.js';
import { createKpiMeasuresRepository } from '../db/repositories/kpi-measures-repository.js';
import { createKpiScorecardRepository } from '../db/repositories/kpi-scorecard-repository.js';
import { isPastMidMonth, paceAchievement, streakCrossingDate, workingDaysBetween } from '../domain/alerts/rules.js';
import { cardReply } from '../domain/card-model.js';
import { appLink } from '../domain/deep-link.js';
import { formatMoney, formatPercent, formatValue } from '../domain/kpi/format.js';
import { cmp, rat } from '../domain/kpi/rational.js';
import { primaryLineOf } from '../domain/kpi/template.js';
import { t, type Locale, type MessageKey } from '../domain/messages/index.js';
import { businessDateOf, periodContaining } from '../domain/period.js';
import type { OutboxMessage } from '../outbox/outbox.js';
import { effectiveAlertThresholds } from '../features/kpi/alert-settings.js';
import { createRecipientResolver } from '../features/recipients.js';

/**
 * The daily alert rules. Each alert goes to the subject rep's manager, once per subject and period:
 * the outbox key names the rule, the period the alert is about and the subject, so running the job
 * again (or the next day, while the condition still holds) sends nothing new.
 *   no-visit       `alert:no-visit:<date the streak reached N working days>:user-<rep>`  once per streak
 *   low-achievement `alert:low-achievement:<month>:user-<rep>`                            once per month
 *   stuck-deal     `alert:stuck-deal:<date it entered the stage>:deal-<id>`              once per stage
 *   complaint      `alert:complaint:<received date>:complaint-<id>`                      once per complaint
 *   completeness   `alert:completeness:<month>:user-<rep>`                               once per month
 */

export type AlertCounts = Record<AlertRule, number>;

export interface AlertPlan {
  messages: OutboxMessage[];
  /** Alerts found per rule (queued or already queued before). */
  found: AlertCounts;
  /** Alerts whose rep has no manager reachable on an enabled channel. */
  unroutable: number;
  /** Every alert found, routed or not: what the H5 team page lists under "needs attention". */
  findings: { rule: AlertRule; repUserId: number; text: (locale: Locale) => string }[];
  disabled: AlertRule[];
}

const DAY_MS = 86_400_000;

export function planAlerts(deps: BotDeps, options: { now: number }): AlertPlan {
  const { db, config } = deps;
  // An admin's override from the H5 alert-rules page wins over the ALERT_* environment default.
  const thresholds = effectiveAlertThresholds(db, config.alerts);
  const zone = config.timezone;
  const today = businessDateOf(options.now, zone);
  const month = periodContaining('month', options.now, zone);
  const recipients = createRecipientResolver(deps);
  const facts = createAlertFactsRepository(db);
  const users = deps.org.localesAndStatus();
  const managerCache = new Map<number, number | null>();
  const plan: AlertPlan = {
    messages: [],
    found: { 'no-visit': 0, 'low-achievement': 0, 'stuck-deal': 0, complaint: 0, completeness: 0 },
    unroutable: 0,
    disabled: [],
    findings: [],
  };

  const reps = deps.org.activeUsersWithRole('rep');
  const repIds = new Set(reps.map((r) => r.id));

  function alert(rule: AlertRule, key: string, repId: number, text: (locale: Locale) => string): void {
    plan.found[rule] += 1;
    plan.findings.push({ rule, repUserId: repId, text });
    let managerId = managerCache.get(repId);
    if (managerId === undefined) {
      managerId = deps.org.managerOf(repId);
      managerCache.set(repId, managerId);
    }
    const recipient = managerId === null ? null : recipients.resolve(managerId);
    if (managerId === null || !recipient) {
      plan.unroutable += 1;
      return;
    }
    const locale = users.get(managerId)?.locale ?? 'zh';
    plan.messages.push({
      idempotencyKey: `alert:${rule}:${key}`,
      platform: recipient.platform,
      target: { kind: 'user', recipient },
      // The manager opens the subject rep's dashboard (the API checks the rep is in their scope).
      payload: cardReply(alertCard.build({ rule, text: text(locale), dashboardUrl: appLink(config.publicBaseUrl, { page: 'dashboard', userId: repId }) }, locale)),
    });
  }

  // 1. No visit for N working days.
  if (thresholds.noVisitWorkingDays > 0) {
    const lastVisits = facts.lastVisitDates();
    for (const rep of reps) {
      const last = lastVisits.get(rep.id) ?? null;
      // Never visited: count from the day they joined; without a joining date, once ever.
      const base = last ?? rep.joinedOn;
      const crossing = base === null ? 'never' : streakCrossingDate(base, thresholds.noVisitWorkingDays);
      if (crossing !== 'never' && crossing > today) continue;
      const days = base === null ? thresholds.noVisitWorkingDays : workingDaysBetween(base, today);
      alert('no-visit', `${crossing}:user-${rep.id}`, rep.id, (locale) =>
        t(locale, 'alert.noVisit', { name: rep.name, days, last: last ?? t(locale, 'alert.noVisit.never') }),
      );
    }
  } else plan.disabled.push('no-visit');

  // 2. Month-to-date achievement below X% of pace, from the 16th on (the primary line, e.g. 回款).
  if (thresholds.monthToDateAchievementBelowPct > 0) {
    if (isPastMidMonth(today)) {
      const elapsed = Number(today.slice(8, 10));
      const threshold = rat(thresholds.monthToDateAchievementBelowPct, 100);
      for (const rep of createKpiScorecardRepository(db).scorePeriod(month, { userIds: repIds }).reps) {
        const primary = primaryLineOf(rep.content);
        const line = rep.scorecard.lines.find((l) => l.line.id === primary?.id);
        if (!line || line.actual === null || line.target === null || !line.indicator.additive) continue;
        const achievement = paceAchievement(line.actual, line.target, elapsed, month.days);
        if (achievement === null || cmp(achievement, threshold) >= 0) continue;
        const expected = rat(line.target.n * BigInt(elapsed), line.target.d * BigInt(month.days));
        alert('low-achievement', `${month.key}:user-${rep.userId}`, rep.userId, (locale) =>
          t(locale, 'alert.lowAchievement', {
            name: rep.name,
            line: line.indicator.name[locale],
            actual: formatValue(line.indicator.unit, line.actual!, locale),
            expected: formatValue(line.indicator.unit, expected, locale),
            target: formatValue(line.indicator.unit, line.target!, locale),
            elapsed,
            days: month.days,
            achievement: formatPercent(achievement),
            threshold: `${thresholds.monthToDateAchievementBelowPct}%`,
          }),
        );
      }
    }
  } else plan.disabled.push('low-achievement');

  // 3. An open opportunity in one stage for more than N days (since its last stage change, or its creation).
  if (thresholds.stuckDealDays > 0) {
    for (const deal of facts.openDealsWithStageSince()) {
      const days = Math.floor((options.now - deal.since) / DAY_MS);
      if (days <= thresholds.stuckDealDays) continue;
      alert('stuck-deal', `${businessDateOf(deal.since, zone)}:deal-${deal.id}`, deal.rep_user_id, (locale) =>
        t(locale, 'alert.stuckDeal', {
          name: deal.rep,
          deal: deal.title ?? deal.customer,
          customer: deal.customer,
          amount: formatMoney(rat(deal.amount_fen), locale),
          stage: t(locale, `deal.stage.${deal.stage}` as MessageKey),
          days,
        }),
      );
    }
  } else plan.disabled.push('stuck-deal');

  // 4. A complaint with no first response within the allowed hours.
  if (thresholds.complaintResponseHours > 0) {
    for (const complaint of facts.unansweredComplaints(options.now - thresholds.complaintResponseHours * 3_600_000)) {
      const hours = Math.floor((options.now - complaint.received_at) / 3_600_000);
      const content = complaint.content.length > 60 ? `${complaint.content.slice(0, 60)}…` : complaint.content;
      alert('complaint', `${complaint.received_on}:complaint-${complaint.id}`, complaint.rep_user_id, (locale) =>
        t(locale, 'alert.complaint', { name: complaint.rep, customer: complaint.customer, hours, content }),
      );
    }
  } else plan.disabled.push('complaint');

  // 5. Data completeness of the month's records below Y% (only reps whose records have required fields).
  if (thresholds.completenessBelowPct > 0) {
    const measures = createKpiMeasuresRepository(db).measuresForPeriod(month, repIds);
    const threshold = rat(thresholds.completenessBelowPct, 100);
    for (const rep of reps) {
      const m = measures.get(rep.id);
      if (!m || m.completenessRequired === 0) continue;
      const share = rat(m.completenessFilled, m.completenessRequired);
      if (cmp(share, threshold) >= 0) continue;
      alert('completeness', `${month.key}:user-${rep.id}`, rep.id, (locale) =>
        t(locale, 'alert.completeness', { name: rep.name, share: formatPercent(share), threshold: `${thresholds.completenessBelowPct}%` }),
      );
    }
  } else plan.disabled.push('completeness');

  return plan;
}
