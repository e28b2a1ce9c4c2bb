import { weeklyKpiCard, type WeeklyKpiCardData } from '../../cards/weekly-kpi.js';
import { weeklyRankingCard, type WeeklyRankingCardData } from '../../cards/weekly-ranking.js';
import type { BotDeps } from '../bot/deps.js';
import { createKpiScorecardRepository, rankPeriod, type ScoredRep } from '../db/repositories/kpi-scorecard-repository.js';
import { createNotificationPreferenceRepository } from '../db/repositories/notification-preferences.js';
import { createRecordRepository } from '../db/repositories/record-repository.js';
import { cardReply } from '../domain/card-model.js';
import { appLink } from '../domain/deep-link.js';
import { achievementText } from '../domain/kpi/explain.js';
import { formatPoints, formatValue } from '../domain/kpi/format.js';
import { rankEntries, type Ranked } from '../domain/kpi/ranking.js';
import { nextSteps, trendOf } from '../domain/kpi/weekly-digest.js';
import type { Locale } from '../domain/messages/index.js';
import { businessDateOf, parsePeriodKey, periodContaining, previousPeriod, type Period } from '../domain/period.js';
import type { OutboxMessage } from '../outbox/outbox.js';
import { createRecipientResolver } from '../features/recipients.js';

/** Rows a ranking card shows before it cuts and links to the full view (a card stays readable and under 30 KB). */
export const RANKING_CARD_MAX_ROWS = 20;
const MOVERS_SHOWN = 3;

export interface WeeklyReportPlan {
  messages: OutboxMessage[];
  repCards: number;
  managerCards: number;
  unsubscribed: number;
  /** Users with no identity on an enabled channel. */
  unreachable: number;
}

interface UserInfo {
  locale: Locale;
  active: boolean;
}

function daysBetween(fromDate: string, toDateExclusive: string): number {
  return Math.round((Date.parse(`${toDateExclusive}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

/**
 * Everything the weekly report sends for one ISO week, as outbox messages: a KPI card per active rep
 * (unless they unsubscribed) and a ranking card per manager with reps. Scores three periods once for
 * the whole org (the week, the week before, the month the week ends in) and slices per team.
 */
export function planWeeklyReport(deps: BotDeps, options: { periodKey: string; now: number }): WeeklyReportPlan {
  const zone = deps.config.timezone;
  const week = parsePeriodKey(options.periodKey, zone) as Period;
  const previousWeek = previousPeriod(week);
  const month = periodContaining('month', week.end - 1, zone);
  const repository = createKpiScorecardRepository(deps.db);
  const weekScores = repository.scorePeriod(week);
  const previousScores = repository.scorePeriod(previousWeek);
  const monthScores = repository.scorePeriod(month);
  const previousByUser = new Map(previousScores.reps.map((r) => [r.userId, r]));
  const monthByUser = new Map(monthScores.reps.map((r) => [r.userId, r]));
  const teamRanks = rankPeriod(weekScores).byTeam;

  const users: ReadonlyMap<number, UserInfo> = deps.org.localesAndStatus();
  const optedOut = createNotificationPreferenceRepository(deps.db).weeklyCardOptOuts();
  const visitsThisWeek = createRecordRepository(deps.db).visitCountsByRep(week.startDate, week.endDate);
  const recipients = createRecipientResolver(deps);
  const today = businessDateOf(options.now, zone);
  const remainingDays = today < month.startDate ? month.days : Math.max(0, daysBetween(today, month.endDate));
  // The card is about that week: the dashboard opens on the same week, the ranking on the team page for it.
  const dashboardUrl = appLink(deps.config.publicBaseUrl, { page: 'dashboard', period: week.key });

  const plan: WeeklyReportPlan = { messages: [], repCards: 0, managerCards: 0, unsubscribed: 0, unreachable: 0 };

  for (const rep of weekScores.reps) {
    const info = users.get(rep.userId);
    if (!info?.active) continue;
    if (optedOut.has(rep.userId)) {
      plan.unsubscribed += 1;
      continue;
    }
    const recipient = recipients.resolve(rep.userId);
    if (!recipient) {
      plan.unreachable += 1;
      continue;
    }
    const ranked = rep.departmentId === null ? undefined : teamRanks.get(rep.departmentId)?.find((r) => r.entry.userId === rep.userId);
    const data = repCardData(rep, { previous: previousByUser.get(rep.userId), month: monthByUser.get(rep.userId), ranked, week, locale: info.locale, remainingDays, dashboardUrl });
    plan.messages.push({
      idempotencyKey: `weekly-report:${week.key}:user-${rep.userId}`,
      platform: recipient.platform,
      target: { kind: 'user', recipient },
      payload: cardReply(weeklyKpiCard.build(data, info.locale)),
    });
    plan.repCards += 1;
  }

  const managers = deps.org.activeUsersWithRole('manager');
  const departmentNames = new Map(deps.org.listDepartments().map((d) => [d.id, d.name]));
  for (const manager of managers) {
    const team = deps.org.teamOf(manager.id);
    const teamWeek = weekScores.reps.filter((r) => team.has(r.userId) && users.get(r.userId)?.active);
    if (teamWeek.length === 0) continue;
    const recipient = recipients.resolve(manager.id);
    if (!recipient) {
      plan.unreachable += 1;
      continue;
    }
    const locale = users.get(manager.id)?.locale ?? 'zh';
    const data = rankingCardData({
      team: (manager.departmentId !== null ? departmentNames.get(manager.departmentId) : undefined) ?? '',
      week,
      month,
      teamWeek,
      teamPrevious: previousScores.reps.filter((r) => team.has(r.userId)),
      teamMonth: monthScores.reps.filter((r) => team.has(r.userId)),
      visitsThisWeek,
      fullRankingUrl: appLink(deps.config.publicBaseUrl, { page: 'team', period: week.key }),
    });
    plan.messages.push({
      idempotencyKey: `weekly-report:${week.key}:manager-${manager.id}`,
      platform: recipient.platform,
      target: { kind: 'user', recipient },
      payload: cardReply(weeklyRankingCard.build(data, locale)),
    });
    plan.managerCards += 1;
  }
  return plan;
}

function repCardData(
  rep: ScoredRep,
  context: { previous: ScoredRep | undefined; month: ScoredRep | undefined; ranked: Ranked<ScoredRep> | undefined; week: Period; locale: Locale; remainingDays: number; dashboardUrl: string },
): WeeklyKpiCardData {
  const { locale } = context;
  const previousLines = new Map(context.previous?.scorecard.lines.map((l) => [l.line.id, l]) ?? []);
  const lines = rep.scorecard.lines
    .filter((l) => l.line.rule.kind === 'linear' && l.target !== null)
    .map((l) => ({
      name: l.indicator.name[locale],
      actual: l.actual === null ? '—' : formatValue(l.indicator.unit, l.actual, locale),
      target: formatValue(l.indicator.unit, l.target!, locale),
      achievement: achievementText(l),
      trend: trendOf(l.achievement, previousLines.get(l.line.id)?.achievement ?? null),
    }));
  return {
    name: rep.name,
    weekKey: context.week.key,
    from: context.week.startDate,
    to: context.week.lastDate,
    total: rep.total === null ? null : formatPoints(rep.total),
    grade: rep.scorecard.grade,
    totalTrend: trendOf(rep.total, context.previous?.total ?? null),
    rank: context.ranked?.rank ? { rank: context.ranked.rank, of: context.ranked.of } : null,
    lines,
    nextSteps: context.month ? nextSteps(context.month.scorecard, context.remainingDays, locale) : [],
    dashboardUrl: context.dashboardUrl,
  };
}

function rankingCardData(input: {
  team: string;
  week: Period;
  month: Period;
  teamWeek: ScoredRep[];
  teamPrevious: ScoredRep[];
  teamMonth: ScoredRep[];
  visitsThisWeek: ReadonlyMap<number, number>;
  fullRankingUrl: string;
}): WeeklyRankingCardData {
  const ranked = rankEntries(input.teamWeek);
  const previousRank = new Map(rankEntries(input.teamPrevious).map((r) => [r.entry.userId, r.rank]));
  const monthRank = new Map(rankEntries(input.teamMonth).map((r) => [r.entry.userId, r]));
  const moves = ranked.map((r) => {
    const before = previousRank.get(r.entry.userId);
    return { name: r.entry.name, delta: r.rank !== null && before != null ? before - r.rank : 0 };
  });
  const moveText = (delta: number) => (delta > 0 ? `↑${delta}` : delta < 0 ? `↓${-delta}` : '');
  const dash = '—';
  return {
    team: input.team,
    weekKey: input.week.key,
    monthKey: input.month.key,
    from: input.week.startDate,
    to: input.week.lastDate,
    rows: ranked.slice(0, RANKING_CARD_MAX_ROWS).map((r, i) => {
      const m = monthRank.get(r.entry.userId);
      return {
        rank: r.rank,
        name: r.entry.name,
        total: r.entry.total === null ? dash : formatPoints(r.entry.total),
        grade: r.entry.scorecard.grade ?? dash,
        move: moveText(moves[i]?.delta ?? 0),
        monthRank: m?.rank ?? null,
        monthTotal: m?.entry.total ? formatPoints(m.entry.total) : dash,
        monthGrade: m?.entry.scorecard.grade ?? dash,
        noVisits: !input.visitsThisWeek.get(r.entry.userId),
      };
    }),
    totalReps: ranked.length,
    moversUp: moves.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta).slice(0, MOVERS_SHOWN).map((m) => `${m.name} ${moveText(m.delta)}`),
    moversDown: moves.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta).slice(0, MOVERS_SHOWN).map((m) => `${m.name} ${moveText(m.delta)}`),
    noVisitNames: ranked.filter((r) => !input.visitsThisWeek.get(r.entry.userId)).map((r) => r.entry.name),
    fullRankingUrl: input.fullRankingUrl,
  };
}
