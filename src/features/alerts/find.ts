import { createAlertFactsRepository } from '../../db/repositories/alert-facts.js';
import { createKpiMeasuresRepository } from '../../db/repositories/kpi-measures-repository.js';
import { createKpiScorecardRepository } from '../../db/repositories/kpi-scorecard-repository.js';
import {
  complaintCutoff,
  complaintFindings,
  completenessFindings,
  lowAchievementFindings,
  noVisitFindings,
  stuckDealFindings,
  type AlertFinding,
  type AlertRule,
  type PrimaryLineFact,
} from '../../domain/alerts/find.js';
import { isPastMidMonth, monthSharePassed } from '../../domain/alerts/rules.js';
import { primaryLineOf } from '../../domain/kpi/template.js';
import { businessDateOf, periodContaining } from '../../domain/period.js';
import type { AppDeps } from '../deps.js';
import { effectiveAlertThresholds } from '../kpi/alert-settings.js';

export interface AlertFindings {
  /** Every alert whose condition holds now, rule by rule. */
  findings: AlertFinding[];
  /** Rules turned off (threshold 0). */
  disabled: AlertRule[];
}

/**
 * The find step of the daily alerts: reads the facts each enabled rule needs (and only those) and
 * lets the pure rules in src/domain/alerts decide. Sends nothing and needs no channel, so the H5
 * "needs attention" list and the job share it.
 */
export async function findAlerts(deps: Pick<AppDeps, 'db' | 'config' | 'org'>, options: { now: number }): Promise<AlertFindings> {
  const { db, config } = deps;
  const { now } = options;
  // An admin's override from the H5 alert-rules page wins over the ALERT_* environment default.
  const thresholds = await effectiveAlertThresholds(db, config.alerts);
  const zone = config.timezone;
  const today = businessDateOf(now, zone);
  const month = periodContaining('month', now, zone);
  const facts = createAlertFactsRepository(db);
  const reps = await deps.org.activeUsersWithRole('rep');
  const repIds = new Set(reps.map((r) => r.id));
  const findings: AlertFinding[] = [];
  const disabled: AlertRule[] = [];

  if (thresholds.noVisitWorkingDays > 0) findings.push(...noVisitFindings(reps, await facts.lastVisitDates(), thresholds.noVisitWorkingDays, today));
  else disabled.push('no-visit');

  // From the 16th on: the primary line (e.g. 回款) of each rep's month-to-date scorecard.
  if (thresholds.monthToDateAchievementBelowPct > 0) {
    if (isPastMidMonth(today)) {
      const lines = (await createKpiScorecardRepository(db)
        .scorePeriod(month, { userIds: repIds }))
        .reps.flatMap((rep): PrimaryLineFact[] => {
          const primary = primaryLineOf(rep.content);
          const line = rep.scorecard.lines.find((l) => l.line.id === primary?.id);
          if (!line || line.actual === null || line.target === null || !line.indicator.additive) return [];
          return [{ userId: rep.userId, name: rep.name, indicator: line.indicator, actual: line.actual, target: line.target }];
        });
      findings.push(...lowAchievementFindings(lines, thresholds.monthToDateAchievementBelowPct, month, today));
    }
  } else disabled.push('low-achievement');

  if (thresholds.stuckDealDays > 0) {
    const deals = (await facts.openDealsWithStageSince()).map((d) => ({ id: d.id, repUserId: d.rep_user_id, rep: d.rep, title: d.title, customer: d.customer, amountFen: d.amount_fen, stage: d.stage, since: d.since }));
    findings.push(...stuckDealFindings(deals, thresholds.stuckDealDays, now, zone));
  } else disabled.push('stuck-deal');

  if (thresholds.complaintResponseHours > 0) {
    const complaints = (await facts
      .unansweredComplaints(complaintCutoff(now, thresholds.complaintResponseHours)))
      .map((c) => ({ id: c.id, repUserId: c.rep_user_id, rep: c.rep, customer: c.customer, content: c.content, receivedOn: c.received_on, receivedAt: c.received_at }));
    findings.push(...complaintFindings(complaints, now));
  } else disabled.push('complaint');

  if (thresholds.completenessBelowPct > 0) {
    if (monthSharePassed(today, config.alertCompletenessMinMonthPct)) findings.push(...completenessFindings(reps, await createKpiMeasuresRepository(db).measuresForPeriod(month, repIds), thresholds.completenessBelowPct, month.key));
  } else disabled.push('completeness');

  return { findings, disabled };
}
