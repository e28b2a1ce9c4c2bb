import { weeklyKpiCard } from '../../../cards/weekly-kpi.js';
import { weeklyRankingCard } from '../../../cards/weekly-ranking.js';
import { cardReply } from '../../domain/card-model.js';
import { appLink } from '../../domain/deep-link.js';
import { rankTeamWeek, remainingDaysOfMonth } from '../../domain/kpi/weekly-ranking.js';
import { businessDateOf } from '../../domain/period.js';
import type { OutboxMessage } from '../../outbox/outbox.js';
import type { AppDeps } from '../deps.js';
import type { OnProgress } from '../progress.js';
import { createRecipientResolver } from '../recipients.js';
import { findDigestFacts, managerDigestData } from './digest.js';
import { findWeeklyFacts } from './find.js';
import { rankingCardData, repCardData } from './render.js';

export interface WeeklyReportPlan {
  messages: OutboxMessage[];
  repCards: number;
  managerCards: number;
  unsubscribed: number;
  /** Users with no identity on an enabled platform. */
  unreachable: number;
}

export interface WeeklyReportOptions {
  periodKey: string;
  now: number;
  /** Recipients planned of all candidates (reps, then managers), the weekly job's progress. */
  onProgress?: OnProgress;
}

/**
 * Everything the weekly report sends for one ISO week, as outbox messages: a KPI card per active rep
 * (unless they unsubscribed, key `weekly-report:<week>:user-<id>`) and a ranking card per manager
 * with reps (`weekly-report:<week>:manager-<id>`). find (find.ts) → rank (src/domain/kpi) → render (render.ts).
 */
export async function planWeeklyReport(deps: AppDeps, options: WeeklyReportOptions): Promise<WeeklyReportPlan> {
  const facts = await findWeeklyFacts(deps, options.periodKey);
  const { week, month, weekScores } = facts;
  const users = await deps.org.localesAndStatus();
  const recipients = await createRecipientResolver(deps);
  const previousByUser = new Map(facts.previousScores.reps.map((r) => [r.userId, r]));
  const monthByUser = new Map(facts.monthScores.reps.map((r) => [r.userId, r]));
  const today = businessDateOf(options.now, deps.config.timezone);
  const remainingDays = remainingDaysOfMonth(today, month);
  // The card is about that week: the dashboard opens on the same week, the ranking on the team page for it.
  const dashboardUrl = appLink(deps.config.publicBaseUrl, { page: 'dashboard', period: week.key });
  const plan: WeeklyReportPlan = { messages: [], repCards: 0, managerCards: 0, unsubscribed: 0, unreachable: 0 };

  for (const rep of weekScores.reps) {
    const info = users.get(rep.userId);
    if (!info?.active) continue;
    if (facts.optedOut.has(rep.userId)) {
      plan.unsubscribed += 1;
      continue;
    }
    const recipient = recipients.resolve(rep.userId);
    if (!recipient) {
      plan.unreachable += 1;
      continue;
    }
    const ranked = rep.departmentId === null ? undefined : facts.teamRanks.get(rep.departmentId)?.find((r) => r.entry.userId === rep.userId);
    const data = repCardData(rep, { previous: previousByUser.get(rep.userId), month: monthByUser.get(rep.userId), ranked, week, locale: info.locale, remainingDays, dashboardUrl });
    plan.messages.push({ idempotencyKey: `weekly-report:${week.key}:user-${rep.userId}`, platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(weeklyKpiCard.build(data, info.locale)) });
    plan.repCards += 1;
  }

  const digestFacts = await findDigestFacts(deps, week, today);
  const departmentNames = new Map((await deps.org.listDepartments()).map((d) => [d.id, d.name]));
  const managers = await deps.org.activeUsersWithRole('manager');
  // Rep cards are built from facts already in memory; each manager's card reads the team again.
  const total = weekScores.reps.length + managers.length;
  let done = weekScores.reps.length;
  for (const manager of managers) {
    await options.onProgress?.(done, total);
    done += 1;
    const team = await deps.org.teamOf(manager.id);
    const teamWeek = weekScores.reps.filter((r) => team.has(r.userId) && users.get(r.userId)?.active);
    if (teamWeek.length === 0) continue;
    const recipient = recipients.resolve(manager.id);
    if (!recipient) {
      plan.unreachable += 1;
      continue;
    }
    const locale = users.get(manager.id)?.locale ?? 'zh';
    const ranking = rankTeamWeek({
      week: teamWeek,
      previous: facts.previousScores.reps.filter((r) => team.has(r.userId)),
      month: facts.monthScores.reps.filter((r) => team.has(r.userId)),
      visits: facts.visitsThisWeek,
    });
    const data = rankingCardData(ranking, {
      team: (manager.departmentId !== null ? departmentNames.get(manager.departmentId) : undefined) ?? '',
      week,
      month,
      fullRankingUrl: appLink(deps.config.publicBaseUrl, { page: 'team', period: week.key }),
      digest: managerDigestData(digestFacts, { team: facts.monthScores.reps.filter((r) => team.has(r.userId) && users.get(r.userId)?.active), month, visits: facts.visitsThisWeek, locale, publicBaseUrl: deps.config.publicBaseUrl }),
    });
    plan.messages.push({ idempotencyKey: `weekly-report:${week.key}:manager-${manager.id}`, platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(weeklyRankingCard.build(data, locale)) });
    plan.managerCards += 1;
  }
  await options.onProgress?.(total, total);
  return plan;
}

/** The weekly job's work: plan and queue; the keys make a second run or a restart send nothing twice. */
export async function queueWeeklyReport(deps: AppDeps, options: WeeklyReportOptions): Promise<WeeklyReportPlan & { queued: number; duplicates: number }> {
  const plan = await planWeeklyReport(deps, options);
  return { ...plan, ...(await deps.outbox.enqueue(plan.messages)) };
}
