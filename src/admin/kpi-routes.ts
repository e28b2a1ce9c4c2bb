import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../features/deps.js';
import { orgScorecards } from '../features/kpi/scorecards.js';
import { assignKpiTemplate, createKpiTemplate, addKpiTemplateVersion, getKpiTemplate, listKpiTemplates } from '../features/kpi/templates.js';
import { AppError } from '../domain/errors.js';
import { checkDistribution } from '../domain/kpi/distribution.js';
import { INDICATORS } from '../domain/kpi/indicators.js';
import { inEveryLocale } from '../i18n/phrase.js';
import { toDecimalString } from '../domain/kpi/rational.js';
import { parsePeriodKey, type Period } from '../domain/period.js';
import { importTargets } from '../features/kpi/target-import.js';
import { setRepTargets, targetOverrides } from '../features/kpi/target-update.js';
import { readCsv, readJsonRows, readXlsx, type TabularRecord } from '../features/imports/tabular.js';
import { reportedRowErrors, type ImportLimits } from '../features/imports/import-limits.js';
import { createAdminGuard } from './auth.js';

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface KpiAdminRoutesOptions {
  adminToken: string | undefined;
  deps: AppDeps;
  /** IMPORT_MAX_ROWS / IMPORT_MAX_UNCOMPRESSED_MB for uploaded target files. */
  importLimits: ImportLimits;
}

function invalid(reason: string): AppError {
  return new AppError('VALIDATION_FAILED', reason, { params: { reason } });
}

/**
 * The KPI admin API (Bearer ADMIN_TOKEN): the indicator library, templates (create, edit = new
 * version, assign), per-rep targets (JSON or spreadsheet import) and a period's scorecards.
 */
export const kpiAdminRoutes: FastifyPluginAsyncZod<KpiAdminRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', createAdminGuard(options.adminToken));
  app.addContentTypeParser(['text/csv'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  const { deps } = options;
  const { org } = deps;
  const zone = deps.config.timezone;
  const ctx = () => ({ now: deps.clock(), zone, actorUserId: null, source: 'admin-api' });
  const periodFrom = (key: string): Period => {
    const period = parsePeriodKey(key, zone);
    if (!period) throw invalid(`周期 ${key} 格式不对，应为 2026-11、2026-W48、2026-Q4 或 2026 (bad period key)`);
    return period;
  };
  const userIdOf = async (employeeNo: string): Promise<number> => {
    const user = await org.getUserByEmployeeNo(employeeNo);
    if (!user) throw invalid(`没有工号为 ${employeeNo} 的员工 (unknown employee number)`);
    return user.id;
  };

  app.get('/admin/kpi/indicators', async () => ({
    indicators: [...INDICATORS.values()].map(({ compute: _compute, ...definition }) => ({ ...definition, name: inEveryLocale(definition.name), formula: inEveryLocale(definition.formula) })),
  }));

  app.get('/admin/kpi/templates', async () => ({ templates: await listKpiTemplates(deps) }));

  app.get('/admin/kpi/templates/:code', { schema: { params: z.object({ code: z.string().min(1).max(40) }) } }, async (request) => {
    const template = await getKpiTemplate(deps, request.params.code);
    if (!template) throw new AppError('NOT_FOUND', 'no template', { params: { reason: `没有模板 ${request.params.code} (no such template)` } });
    return template;
  });

  app.post(
    '/admin/kpi/templates',
    { schema: { body: z.object({ code: z.string().min(1).max(40), content: z.unknown(), effectiveFrom: z.string().optional() }) } },
    async (request, reply) => {
      const created = await createKpiTemplate(deps, request.body.code, request.body.content as never, ctx(), request.body.effectiveFrom);
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/admin/kpi/templates/:code/versions',
    {
      schema: {
        params: z.object({ code: z.string().min(1).max(40) }),
        body: z.object({ content: z.unknown(), effectiveFrom: z.string().optional(), note: z.string().max(200).optional() }),
      },
    },
    async (request, reply) => {
      const version = await addKpiTemplateVersion(deps, request.params.code, request.body.content as never, ctx(), request.body.effectiveFrom, request.body.note);
      return reply.code(201).send(version);
    },
  );

  app.put(
    '/admin/kpi/templates/:code/assignment',
    {
      schema: {
        params: z.object({ code: z.string().min(1).max(40) }),
        body: z.union([
          z.object({ department: z.string().min(1), effectiveFrom: z.string().optional() }),
          z.object({ role: z.literal('rep'), effectiveFrom: z.string().optional() }),
        ]),
      },
    },
    async (request) => {
      const body = request.body;
      if ('department' in body) {
        const departmentId = await org.departmentIdByPath(body.department);
        if (departmentId === undefined) throw invalid(`没有部门 ${body.department} (unknown department path)`);
        return { ok: true, ...(await assignKpiTemplate(deps, request.params.code, { departmentId }, ctx(), body.effectiveFrom)) };
      }
      return { ok: true, ...(await assignKpiTemplate(deps, request.params.code, { role: body.role }, ctx(), body.effectiveFrom)) };
    },
  );

  app.get('/admin/kpi/targets', { schema: { querystring: z.object({ period: z.string().min(4).max(10) }) } }, async (request) => {
    const period = periodFrom(request.query.period);
    const overrides = await targetOverrides(deps, period.key);
    const names = new Map((await org.employeeNumbers()).map((u) => [u.id, u.employeeNo]));
    return {
      period: period.key,
      targets: [...overrides].flatMap(([userId, lines]) => [...lines].map(([line, target]) => ({ employeeNo: names.get(userId), line, target }))),
    };
  });

  app.put(
    '/admin/kpi/targets',
    {
      schema: {
        body: z.object({
          period: z.string().min(4).max(10),
          targets: z.array(z.object({ employeeNo: z.string().min(1), line: z.string().min(1).max(40), target: z.number().finite().min(0) })).min(1).max(10_000),
        }),
      },
    },
    async (request) => {
      const period = periodFrom(request.body.period);
      const rows = await Promise.all(request.body.targets.map(async (row) => ({ userId: await userIdOf(row.employeeNo), employeeNo: row.employeeNo, lineKey: row.line, target: row.target })));
      const count = await setRepTargets(deps, period, rows, ctx());
      return { ok: true, count };
    },
  );

  app.post('/admin/kpi/targets/import', async (request, reply) => {
    let records: TabularRecord[];
    const body = request.body;
    if (typeof body === 'string') records = await readCsv(body, options.importLimits);
    else if (Buffer.isBuffer(body)) {
      if (!body.subarray(0, 4).equals(XLSX_MAGIC)) throw invalid('文件不是有效的 .xlsx 工作簿 (not an .xlsx workbook)');
      records = await readXlsx(body, options.importLimits);
    } else {
      const parsed = z.object({ rows: z.array(z.unknown()).max(100_000) }).safeParse(body);
      if (!parsed.success) throw invalid('请求体应为 CSV、XLSX 或 {"rows": [...]} (body must be CSV, XLSX or {"rows": [...]})');
      records = readJsonRows(parsed.data.rows, options.importLimits);
    }
    const result = await importTargets(deps, records, ctx());
    if (!result.ok) return reply.code(422).send({ error: 'IMPORT_INVALID', ...reportedRowErrors(result.errors) });
    return result;
  });

  app.get('/admin/kpi/scorecards', { schema: { querystring: z.object({ period: z.string().min(4).max(10) }) } }, async (request) => {
    const period = periodFrom(request.query.period);
    const { scores, ranking } = await orgScorecards(deps, period);
    const teamRank = new Map([...ranking.byTeam.values()].flat().map((r) => [r.entry.userId, r.rank]));
    const departmentRank = new Map([...ranking.byDepartment.values()].flat().map((r) => [r.entry.userId, r.rank]));
    return {
      period: period.key,
      from: period.startDate,
      to: period.lastDate,
      distribution: checkDistribution(scores.reps.map((r) => r.scorecard.grade)),
      scorecards: ranking.org.map((r) => ({
        employeeNo: r.entry.employeeNo,
        name: r.entry.name,
        template: `${r.entry.templateCode}@${r.entry.templateVersion}`,
        total: r.entry.total === null ? null : toDecimalString(r.entry.total, 2),
        grade: r.entry.scorecard.grade,
        orgRank: r.rank,
        teamRank: teamRank.get(r.entry.userId) ?? null,
        departmentRank: departmentRank.get(r.entry.userId) ?? null,
        lines: r.entry.scorecard.lines.map((l) => ({
          line: l.line.id,
          status: l.status,
          actual: l.actual === null ? null : toDecimalString(l.actual, 4),
          target: l.target === null ? null : toDecimalString(l.target, 4),
          achievement: l.achievement === null ? null : toDecimalString(l.achievement, 4),
          score: l.points === null ? null : toDecimalString(l.points, 4),
          contribution: toDecimalString(l.contribution, 4),
        })),
      })),
    };
  });
};
