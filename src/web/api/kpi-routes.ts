import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { kpiScorecard, teamRanking, type ScoredRep } from '../../features/kpi/scorecards.js';
import { activityTrend, salesChannelBreakdown, dealFunnel } from '../../features/records/dashboard.js';
import { achievementText, explainLine, explainTotal, scoreText } from '../../domain/kpi/explain.js';
import { leftOutNotes } from '../../domain/kpi/verification-notes.js';
import { formatPoints } from '../../domain/kpi/format.js';
import { formatValue } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { sayAll } from '../../i18n/phrase.js';
import { toNumber } from '../../domain/kpi/rational.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { parsePeriodKey, periodContaining, previousPeriod, type Period, type PeriodType } from '../../domain/period.js';
import { completenessReport } from '../../features/records/completeness-report.js';
import { scorecardPay } from '../../features/pay/freeze.js';
import { payPreviewText } from '../../i18n/pay-format.js';
import { requireAnyRole, requireVisibleUser } from '../access.js';
import { webActor, webContext, webError, type WebContext } from '../request-context.js';

export interface KpiApiOptions {
  deps: AppDeps;
}

const periodQuery = z.object({ period: z.string().max(16).default('month'), userId: z.coerce.number().int().positive().optional() });
const TEAM_ROLES = ['manager', 'hr', 'admin'] as const;

/** Scorecards, trends and team views. Every route narrows to the caller's data scope first. */
export const kpiApiRoutes: FastifyPluginAsyncZod<KpiApiOptions> = async (app, { deps }) => {
  const { org, clock } = deps;
  const zone = deps.config.timezone;
  const actorOf = (request: Parameters<typeof webActor>[0]) => webActor(request, clock());

  /** 'week' | 'month' | 'quarter' | 'year' (the current one) or a key such as 2026-11, 2026-W48, 2026-Q4. */
  function periodFrom(web: WebContext, text: string): Period {
    const current = ['week', 'month', 'quarter', 'year'].includes(text) ? periodContaining(text as PeriodType, clock(), zone) : undefined;
    const period = current ?? parsePeriodKey(text, zone);
    if (!period) throw webError('VALIDATION_FAILED', 'web.period.invalid', web.locale, { input: text });
    return period;
  }

  function scorecardView(rep: ScoredRep, web: WebContext) {
    const { scorecard, content } = rep;
    return {
      userId: rep.userId,
      name: rep.name,
      teamName: rep.teamName,
      template: content.name,
      templateVersion: rep.templateVersion,
      total: scorecard.total === null ? null : formatPoints(scorecard.total),
      grade: scorecard.grade,
      totalExplanation: sayAll(web.locale, explainTotal(scorecard, content)),
      lines: scorecard.lines.map((line) => ({
        id: line.line.id,
        name: t(web.locale, line.indicator.name),
        actual: line.actual === null ? null : formatValue(line.indicator.unit, line.actual, web.locale),
        target: line.target === null ? null : formatValue(line.indicator.unit, line.target, web.locale),
        achievement: achievementText(line),
        /** 0..1+ for the progress bar; null when there is nothing to compare. */
        achievementRatio: line.achievement === null ? null : toNumber(line.achievement),
        score: scoreText(line),
        contribution: formatPoints(line.contribution),
        status: line.status,
        explanation: sayAll(web.locale, explainLine(line, scorecard)),
        /** What the line left out (unverified records, hours above the cap), '' when nothing. */
        leftOut: sayAll(web.locale, leftOutNotes(line)),
      })),
    };
  }

  /** "预计绩效奖金系数 1.2 / 预计提成 ¥3,450" and "仅供参考，非工资" (issue 18): frozen once approved. */
  async function payView(web: WebContext, period: Period, rep: ScoredRep) {
    const pay = await scorecardPay(deps, period, { userId: rep.userId, templateCode: rep.templateCode, grade: rep.scorecard.grade });
    return { ...pay, text: payPreviewText(web.locale, pay), note: t(web.locale, 'pay.preview.notPayroll') };
  }

  app.get('/api/scorecard', { schema: { querystring: periodQuery } }, async (request) => {
    const web = webContext(request);
    const userId = request.query.userId ?? web.user.id;
    requireVisibleUser(web, userId);
    const period = periodFrom(web, request.query.period);
    const rep = await kpiScorecard(deps, actorOf(request), period, userId);
    return {
      period: { key: period.key, type: period.type, from: period.startDate, to: period.lastDate, inProgress: clock() < period.end },
      scorecard: rep ? { ...scorecardView(rep, web), pay: await payView(web, period, rep) } : null,
    };
  });

  app.get(
    '/api/trend',
    { schema: { querystring: z.object({ weeks: z.coerce.number().int().min(2).max(26).default(8), userId: z.coerce.number().int().positive().optional(), team: z.enum(['0', '1']).default('0') }) } },
    async (request) => {
      const web = webContext(request);
      const { weeks, userId, team } = request.query;
      if (team === '1') requireAnyRole(web, TEAM_ROLES);
      else requireVisibleUser(web, userId ?? web.user.id);
      const periods: Period[] = [periodContaining('week', clock(), zone)];
      while (periods.length < weeks) periods.unshift(previousPeriod(periods[0] as Period));
      // The team view is everyone in the caller's scope; otherwise one rep (the caller by default).
      const values = await activityTrend(deps, actorOf(request), { periods, userId: team === '1' ? undefined : (userId ?? web.user.id) });
      return { weeks: periods.map((p, i) => ({ key: p.key, from: p.startDate, ...(values[i] as (typeof values)[number]) })) };
    },
  );

  app.get('/api/team/ranking', { schema: { querystring: periodQuery.omit({ userId: true }) } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, TEAM_ROLES);
    const period = periodFrom(web, request.query.period);
    // The same ranking as the chat's 排行 gives a lead (the route admits leads only).
    const { ranked } = await teamRanking(deps, actorOf(request), period);
    return {
      period: { key: period.key, type: period.type, from: period.startDate, to: period.lastDate },
      reps: ranked.map(({ entry, rank, tied }) => ({
        rank,
        tied,
        userId: entry.userId,
        name: entry.name,
        teamName: entry.teamName,
        total: entry.total === null ? null : formatPoints(entry.total),
        totalValue: entry.total === null ? null : toNumber(entry.total),
        grade: entry.scorecard.grade,
      })),
    };
  });

  app.get('/api/team/channels', { schema: { querystring: periodQuery.omit({ userId: true }) } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, TEAM_ROLES);
    const period = periodFrom(web, request.query.period);
    return {
      period: { key: period.key, from: period.startDate, to: period.lastDate },
      salesChannels: await salesChannelBreakdown(deps, actorOf(request), period),
    };
  });

  app.get('/api/team/funnel', { schema: { querystring: periodQuery.omit({ userId: true }) } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, TEAM_ROLES);
    const period = periodFrom(web, request.query.period);
    return { period: { key: period.key, from: period.startDate, to: period.lastDate }, stages: await dealFunnel(deps, actorOf(request), period) };
  });

  /** Data-completeness gaps: mine, or (managers, HR) each visible rep's. */
  app.get('/api/completeness', { schema: { querystring: z.object({ userId: z.coerce.number().int().positive().optional() }) } }, async (request) => {
    const web = webContext(request);
    const userId = request.query.userId ?? web.user.id;
    requireVisibleUser(web, userId);
    const [report] = await completenessReport(deps, actorOf(request), [userId]);
    return { userId, share: report?.share ?? 1, parts: report?.parts ?? {} };
  });

  /** Reps the caller may look at, for the manager's pickers. */
  app.get('/api/team/members', async (request) => {
    const web = webContext(request);
    requireAnyRole(web, TEAM_ROLES);
    return {
      members: (await org
        .listUsers())
        .filter((u) => u.roles.includes('rep') && canSeeUser(web.scope, u.id))
        .map((u) => ({ id: u.id, name: u.name, employeeNo: u.employeeNo, active: u.active })),
    };
  });
};
