import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { orgScorecards, type PeriodScores } from '../../features/kpi/scorecards.js';
import { VERIFICATIONS } from '../../domain/records/vocabulary.js';
import { addKpiTemplateVersion, getKpiTemplate, listKpiTemplates, parseTemplateContent, previewKpiTemplate } from '../../features/kpi/templates.js';
import { checkDistribution } from '../../domain/kpi/distribution.js';
import { formatPoints } from '../../domain/kpi/format.js';
import { INDICATORS, indicatorOf } from '../../domain/kpi/indicators.js';
import { t } from '../../i18n/index.js';
import { versionInForce } from '../../domain/kpi/template.js';
import { parsePeriodKey, periodContaining } from '../../domain/period.js';
import type { JobRunner } from '../../jobs/runner.js';
import { instantText } from '../../features/assessment/views.js';
import { setRepTargets, targetOverrides } from '../../features/kpi/target-update.js';
import { requireAnyRole } from '../access.js';
import { webContext, webError, type WebContext } from '../request-context.js';
import { WEB_SOURCE } from './assessment-routes.js';

const codeParams = z.object({ code: z.string().min(1).max(40) });

/**
 * The admin pages' API (role admin): KPI templates (read the version in force, preview an edit
 * against this period's measures, save it as a new version), per-rep targets, job runs and the
 * failed outbox. Each calls the feature the Bearer-token admin API calls; changes are audited as h5.
 */
export const adminApiRoutes: FastifyPluginAsyncZod<{ botDeps: AppDeps; jobs: JobRunner }> = async (app, { botDeps, jobs }) => {
  const { clock, outbox } = botDeps;
  const zone = botDeps.config.timezone;
  const ctx = (web: WebContext) => ({ now: clock(), zone, actorUserId: web.user.id, source: WEB_SOURCE });

  // onRequest, so a wrong role is refused before the body is even validated.
  app.addHook('onRequest', async (request) => requireAnyRole(webContext(request), ['admin']));

  async function templateOf(web: WebContext, code: string) {
    const template = await getKpiTemplate(botDeps, code);
    if (!template) throw webError('NOT_FOUND', 'web.template.notFound', web.locale, { code });
    return template;
  }

  /** Each rep's total and grade, and the forced-distribution check over them. */
  function summary(scores: PeriodScores, templateCode: string) {
    const reps = scores.reps.filter((r) => r.templateCode === templateCode);
    return {
      reps: reps.map((r) => ({ userId: r.userId, name: r.name, teamName: r.teamName, total: r.total === null ? null : formatPoints(r.total), grade: r.scorecard.grade })),
      distribution: checkDistribution(reps.map((r) => r.scorecard.grade)),
    };
  }

  app.get('/api/admin/templates', async () => ({
    templates: (await listKpiTemplates(botDeps)).map((t) => {
      const current = versionInForce(t.versions, periodContaining(t.periodType, clock(), zone));
      return { code: t.code, name: t.name, periodType: t.periodType, versions: t.versions.length, currentVersion: current?.version ?? null };
    }),
  }));

  app.get('/api/admin/templates/:code', { schema: { params: codeParams } }, async (request) => {
    const web = webContext(request);
    const template = await templateOf(web, request.params.code);
    const period = periodContaining(template.periodType, clock(), zone);
    const current = versionInForce(template.versions, period);
    return {
      code: template.code,
      name: template.name,
      period: { key: period.key, from: period.startDate, to: period.lastDate },
      /** An edit saved now applies from the next period (a period in progress keeps its rules). */
      nextPeriodStart: periodContaining(template.periodType, period.end, zone).startDate,
      current: current ?? null,
      versions: template.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, name: v.content.name })),
      indicators: [...INDICATORS.values()].map((i) => ({ key: i.key, name: t(web.locale, i.name), unit: i.unit })),
      /** What a line's verification rule can tick (issue 17), named in the reader's language. */
      verifications: VERIFICATIONS.map((v) => ({ key: v, name: t(web.locale, `verification.${v}`) })),
    };
  });

  /** Scores this period with the edited content beside the stored version; nothing is written. */
  app.post('/api/admin/templates/:code/preview', { schema: { params: codeParams, body: z.object({ content: z.unknown() }) } }, async (request) => {
    const web = webContext(request);
    const template = await templateOf(web, request.params.code);
    const content = parseTemplateContent(request.body.content);
    const period = periodContaining(template.periodType, clock(), zone);
    const scored = await previewKpiTemplate(botDeps, template.code, content, period);
    const before = summary(scored.before, template.code);
    const after = summary(scored.after, template.code);
    const previous = new Map(before.reps.map((r) => [r.userId, r]));
    return {
      period: { key: period.key, from: period.startDate, to: period.lastDate },
      reps: after.reps.map((r) => ({ ...r, currentTotal: previous.get(r.userId)?.total ?? null, currentGrade: previous.get(r.userId)?.grade ?? null })),
      distribution: { current: before.distribution, preview: after.distribution },
    };
  });

  app.post(
    '/api/admin/templates/:code/versions',
    { schema: { params: codeParams, body: z.object({ content: z.unknown(), effectiveFrom: z.string().max(10).optional(), note: z.string().max(200).optional() }) } },
    async (request, reply) => {
      const web = webContext(request);
      await templateOf(web, request.params.code);
      const version = await addKpiTemplateVersion(botDeps, request.params.code, request.body.content as never, ctx(web), request.body.effectiveFrom, request.body.note);
      return reply.code(201).send({ version: version.version, effectiveFrom: version.effectiveFrom });
    },
  );

  const periodQuery = z.object({ period: z.string().min(4).max(10) });
  const periodOf = (web: WebContext, key: string) => {
    const period = parsePeriodKey(key, zone);
    if (!period) throw webError('VALIDATION_FAILED', 'web.period.invalid', web.locale, { input: key });
    return period;
  };

  /** Each rep of the period with their lines' targets: the template's, or the rep's own where set. */
  app.get('/api/admin/targets', { schema: { querystring: periodQuery } }, async (request) => {
    const web = webContext(request);
    const period = periodOf(web, request.query.period);
    const overrides = await targetOverrides(botDeps, period.key);
    return {
      period: { key: period.key, from: period.startDate, to: period.lastDate, closed: period.end <= clock() },
      reps: (await orgScorecards(botDeps, period)).scores.reps.map((r) => ({
        userId: r.userId,
        employeeNo: r.employeeNo,
        name: r.name,
        lines: r.content.lines
          .filter((l) => l.target !== undefined)
          .map((l) => ({ line: l.id, indicator: (INDICATORS.has(l.indicator) ? t(web.locale, indicatorOf(l.indicator).name) : l.indicator), unit: INDICATORS.has(l.indicator) ? indicatorOf(l.indicator).unit : 'count', templateTarget: l.target ?? null, target: overrides.get(r.userId)?.get(l.id) ?? null })),
      })),
    };
  });

  app.put(
    '/api/admin/targets',
    { schema: { body: z.object({ period: z.string().min(4).max(10), targets: z.array(z.object({ userId: z.number().int().positive(), line: z.string().min(1).max(40), target: z.number().finite().min(0) })).min(1).max(1000) }) } },
    async (request) => {
      const web = webContext(request);
      const period = periodOf(web, request.body.period);
      const rows = await Promise.all(request.body.targets.map(async (row) => {
        const user = await botDeps.org.getUser(row.userId);
        if (!user) throw webError('NOT_FOUND', 'web.notFound', web.locale);
        return { userId: row.userId, employeeNo: user.employeeNo, lineKey: row.line, target: row.target };
      }));
      return { ok: true, count: await setRepTargets(botDeps, period, rows, ctx(web)) };
    },
  );

  app.get('/api/admin/jobs', async () => ({
    jobs: jobs.jobs.map((j) => ({ name: j.name, description: j.description, schedule: j.schedule ?? null })),
    runs: (await jobs
      .listRuns(50))
      .map((r) => ({ ...r, startedAtText: instantText(r.startedAt, zone) })),
  }));

  app.get('/api/admin/outbox', { schema: { querystring: z.object({ status: z.enum(['pending', 'sent', 'failed', 'withdrawn']).default('failed') }) } }, async (request) => ({
    counts: await outbox.counts(),
    messages: (await outbox.list(request.query.status, 100)).map((m) => ({ ...m, updatedAtText: instantText(m.updatedAt, zone) })),
  }));

  app.post('/api/admin/outbox/:id/retry', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request) => {
    const web = webContext(request);
    if (!(await outbox.retry(request.params.id))) throw webError('NOT_FOUND', 'web.outbox.notFailed', web.locale);
    return { ok: true };
  });
};
