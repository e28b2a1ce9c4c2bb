import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { AppDeps } from '../features/deps.js';
import { systemActor } from '../features/actor.js';
import { describeJobOutcome } from '../jobs/describe-outcome.js';
import type { JobRunner } from '../jobs/runner.js';
import type { Outbox } from '../outbox/outbox.js';
import { importOrg } from '../features/org/import.js';
import { queueLeaverHandovers } from '../features/customers/leavers.js';
import { importCustomers } from '../features/imports/customer-import.js';
import { importHistory } from '../features/imports/history-import.js';
import { requiredFields, setRequiredFields } from '../features/records/completeness-report.js';
import { REQUIRABLE_FIELDS } from '../domain/records/completeness.js';
import { readCsv, readJsonRows, readXlsx, type TabularRecord } from '../features/imports/tabular.js';
import { reportedRowErrors, type ImportLimits } from '../features/imports/import-limits.js';
import { createAdminGuard } from './auth.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface AdminRoutesOptions {
  adminToken: string | undefined;
  deps: AppDeps;
  jobs: JobRunner;
  outbox: Outbox;
  clock: () => number;
  /** APP_TIMEZONE: the run answer states times in it. */
  timezone: string;
  /** Cron overrides from config (SCHEDULE_<JOB>), so the listing shows what really runs. */
  schedules?: Record<string, string>;
  /** IMPORT_MAX_ROWS / IMPORT_MAX_UNCOMPRESSED_MB for uploaded spreadsheets. */
  importLimits: ImportLimits;
}

const requirable = (entity: keyof typeof REQUIRABLE_FIELDS) =>
  z.array(z.enum(Object.keys(REQUIRABLE_FIELDS[entity]) as [string, ...string[]])).max(10);
const requiredFieldsBody = z.object({ customer: requirable('customer'), contact: requirable('contact'), deal: requirable('deal') });

/** The admin API: bearer token, JSON in and out. Each feature adds its routes here. */
export const adminRoutes: FastifyPluginAsyncZod<AdminRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', createAdminGuard(options.adminToken));

  // CSV and XLSX bodies arrive raw; JSON uses the default parser.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  async function recordsFrom(body: unknown, contentType: string): Promise<TabularRecord[]> {
    if (contentType.startsWith('multipart/form-data')) throw new AppError('VALIDATION_FAILED', 'unreachable');
    if (typeof body === 'string') return readCsv(body, options.importLimits);
    if (Buffer.isBuffer(body)) {
      if (!body.subarray(0, 4).equals(XLSX_MAGIC)) {
        throw new AppError('VALIDATION_FAILED', 'not an xlsx workbook', { params: { reason: '文件不是有效的 .xlsx 工作簿 (not an .xlsx workbook)' } });
      }
      return readXlsx(body, options.importLimits);
    }
    const parsed = z.object({ rows: z.array(z.unknown()).max(100_000) }).safeParse(body);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', 'body must be {"rows": [...]}', { params: { reason: '请求体应为 {"rows": [...]} (body must be {"rows": [...]})' } });
    }
    return readJsonRows(parsed.data.rows, options.importLimits);
  }

  app.post('/admin/org/import', async (request, reply) => {
    const contentType = String(request.headers['content-type'] ?? '');
    let records: TabularRecord[];
    if (request.isMultipart()) {
      const file = await request.file();
      if (!file) throw new AppError('VALIDATION_FAILED', 'no file', { params: { reason: '请上传文件 (upload a file)' } });
      const buffer = await file.toBuffer();
      records = file.filename.toLowerCase().endsWith('.csv') ? await readCsv(buffer.toString('utf8'), options.importLimits) : await recordsFrom(buffer, XLSX_TYPE);
    } else {
      records = await recordsFrom(request.body, contentType);
    }
    const result = await importOrg(options.deps.db, records, { now: options.clock(), actorUserId: null, source: 'admin-api' });
    if (!result.ok) return reply.code(422).send({ error: 'IMPORT_INVALID', ...reportedRowErrors(result.errors) });
    await queueLeaverHandovers(options.deps);
    return result;
  });

  // Customers from a spreadsheet (客户名称, 渠道, 地区, 行业, 标签, 别名, 负责人工号, 联系人, 职务, 电话).
  app.post('/admin/customers/import', async (request, reply) => {
    const contentType = String(request.headers['content-type'] ?? '');
    const records = await recordsFrom(request.body, contentType);
    const result = await importCustomers(options.deps.db, records, { now: options.clock(), actorUserId: null, source: 'admin-api' });
    if (!result.ok) return reply.code(422).send({ error: 'IMPORT_INVALID', ...reportedRowErrors(result.errors) });
    return result;
  });

  // Past visits, won deals and payments (类型, 日期, 客户, 业务员工号, 金额, 备注), stored as 'imported'.
  app.post('/admin/history/import', async (request, reply) => {
    const records = await recordsFrom(request.body, String(request.headers['content-type'] ?? ''));
    const { config } = options.deps;
    const result = await importHistory(options.deps.db, records, { now: options.clock(), zone: config.timezone, maxFen: config.maxAmountFen, actorUserId: null, source: 'admin-api' });
    if (!result.ok) return reply.code(422).send({ error: 'IMPORT_INVALID', ...reportedRowErrors(result.errors) });
    return result;
  });

  // Which customer, contact and deal fields count for data completeness (完整度).
  app.get('/admin/required-fields', async () => requiredFields(options.deps));
  app.put('/admin/required-fields', { schema: { body: requiredFieldsBody } }, async (request) =>
    setRequiredFields(options.deps, systemActor('admin-api', options.clock()), request.body),
  );

  app.get('/admin/jobs', async () => ({
    jobs: options.jobs.jobs.map((j) => ({ name: j.name, description: j.description, schedule: options.schedules?.[j.name] ?? j.schedule })),
    runs: await options.jobs.listRuns(),
  }));

  // One run, with how far it got while it runs ({done, total}, null until the job reports).
  app.get('/admin/jobs/runs/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request, reply) => {
    const run = await options.jobs.findRunById(request.params.id);
    if (!run) return reply.code(404).send({ error: 'NOT_FOUND', message: 'no job run with that id' });
    const { progressDone, progressTotal, ...rest } = run;
    return { ...rest, progress: progressTotal === null ? null : { done: progressDone ?? 0, total: progressTotal } };
  });

  app.post(
    '/admin/jobs/:name/run',
    {
      schema: {
        params: z.object({ name: z.string().min(1).max(64) }),
        body: z.object({ period: z.string().min(1).max(32).optional(), force: z.boolean().optional() }).nullish(),
      },
    },
    async (request) => {
      const outcome = await options.jobs.run(request.params.name, { trigger: 'manual', periodKey: request.body?.period ?? undefined, force: request.body?.force ?? false });
      const locale = /^en\b/i.test(String(request.headers['accept-language'] ?? '')) ? 'en' : 'zh';
      return { ...outcome, summary: describeJobOutcome(outcome, locale, options.timezone) };
    },
  );

  app.get(
    '/admin/outbox',
    { schema: { querystring: z.object({ status: z.enum(['pending', 'sending', 'sent', 'failed', 'withdrawn']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }) } },
    async (request) => ({ counts: await options.outbox.counts(), messages: await options.outbox.list(request.query.status, request.query.limit) }),
  );

  app.post('/admin/outbox/:id/retry', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request, reply) => {
    if (!(await options.outbox.retry(request.params.id))) {
      return reply.code(404).send({ error: 'NOT_FOUND', message: 'no failed outbox message with that id' });
    }
    return { ok: true };
  });
};
