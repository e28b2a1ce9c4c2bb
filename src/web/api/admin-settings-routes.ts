import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import type { AlertThresholds } from '../../config.js';
import { ALERT_THRESHOLD_KEYS, ALERT_THRESHOLD_LIMITS, describeAlertThresholds, setAlertThresholds } from '../../features/kpi/alert-settings.js';
import { importOrg } from '../../features/org/import.js';
import { queueLeaverHandovers } from '../../features/customers/leavers.js';
import { describeDistributionLimits, setDistributionLimits } from '../../features/assessment/distribution-settings.js';
import { readCsv, readXlsx, type TabularRecord } from '../../features/imports/tabular.js';
import { reportedRowErrors } from '../../features/imports/import-limits.js';
import { addSalesChannel, listSalesChannels, renameSalesChannel, setSalesChannelActive, type SalesChannelChangeResult } from '../../features/sales-channels/admin.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext, webError, type WebContext } from '../request-context.js';
import { WEB_SOURCE } from './assessment-routes.js';

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** 10 MB files, as the Bearer-token import allows, sent base64 in JSON (4/3 larger). */
const IMPORT_BODY_LIMIT = 15 * 1024 * 1024;

const salesChannelName = z.string().trim().min(1).max(30);
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** A threshold override: a whole number within the env var's range (0 = rule off), or null for the default. */
const alertRulesBody = z
  .object(Object.fromEntries(ALERT_THRESHOLD_KEYS.map((key) => [key, z.number().int().min(0).max(ALERT_THRESHOLD_LIMITS[key].max).nullable().optional()])) as Record<keyof AlertThresholds, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>)
  .strict();

/** Forced-distribution limits in percent (S ≤ max, D ≥ min), up to one decimal; null for the default. */
const percent = z.number().min(0).max(100).multipleOf(0.1).nullable().optional();
const distributionBody = z.object({ maxTopPercent: percent, minBottomPercent: percent }).strict();

/**
 * The admin pages for sales channels, the org import and the alert rules (role admin). Each reuses
 * the service the Bearer-token admin API or the jobs use; every change is audited as h5.
 */
export const adminSettingsApiRoutes: FastifyPluginAsyncZod<{ botDeps: AppDeps }> = async (app, { botDeps }) => {
  const { db, clock, config } = botDeps;
  const ctx = (web: WebContext) => ({ now: clock(), actorUserId: web.user.id, source: WEB_SOURCE });

  // onRequest, so a wrong role is refused before the body is even read.
  app.addHook('onRequest', async (request) => requireAnyRole(webContext(request), ['admin']));

  function salesChannelAnswer(web: WebContext, result: SalesChannelChangeResult, name?: string) {
    if (result.ok) return { salesChannel: result.salesChannel };
    if (result.problem === 'not-found') throw webError('NOT_FOUND', 'web.salesChannel.notFound', web.locale);
    throw webError('VALIDATION_FAILED', 'web.salesChannel.nameTaken', web.locale, { name: name ?? '' });
  }

  app.get('/api/admin/channels', async (request) => ({ salesChannels: await listSalesChannels(botDeps, webActor(request, clock())) }));

  app.post('/api/admin/channels', { schema: { body: z.object({ name: salesChannelName }).strict() } }, async (request, reply) => {
    const web = webContext(request);
    const added = await addSalesChannel(botDeps, webActor(request, clock()), { name: request.body.name });
    return reply.code(201).send(salesChannelAnswer(web, added, request.body.name));
  });

  const salesChannelPatch = z
    .object({ name: salesChannelName.optional(), active: z.boolean().optional() })
    .strict()
    .refine((b) => b.name !== undefined || b.active !== undefined, { message: 'name or active is required', path: ['name'] });

  /** Rename ({name}), deactivate ({active: false}) or reactivate ({active: true}); never delete. */
  app.patch('/api/admin/channels/:id', { schema: { params: idParams, body: salesChannelPatch } }, async (request) => {
    const web = webContext(request);
    const { name, active } = request.body;
    const { id } = request.params;
    let answer: { salesChannel: unknown } | undefined;
    if (name !== undefined) answer = salesChannelAnswer(web, await renameSalesChannel(botDeps, webActor(request, clock()), { id, name }), name);
    if (active !== undefined) answer = salesChannelAnswer(web, await setSalesChannelActive(botDeps, webActor(request, clock()), { id, active }));
    return answer;
  });

  /** The same all-or-nothing import as POST /admin/org/import: counts, or every bad row and nothing written. */
  app.post(
    '/api/admin/org/import',
    { bodyLimit: IMPORT_BODY_LIMIT, schema: { body: z.object({ fileName: z.string().trim().min(1).max(200), content: z.base64().min(1) }).strict() } },
    async (request, reply) => {
      const web = webContext(request);
      const { fileName } = request.body;
      const bytes = Buffer.from(request.body.content, 'base64');
      let records: TabularRecord[];
      if (/\.csv$/i.test(fileName)) records = await readCsv(bytes.toString('utf8'), config.imports);
      else if (/\.xlsx$/i.test(fileName)) {
        if (!bytes.subarray(0, 4).equals(XLSX_MAGIC)) throw webError('VALIDATION_FAILED', 'web.orgImport.notXlsx', web.locale);
        records = await readXlsx(bytes, config.imports);
      } else throw webError('VALIDATION_FAILED', 'web.orgImport.fileType', web.locale, { name: fileName });
      if (records.length === 0) throw webError('VALIDATION_FAILED', 'web.orgImport.empty', web.locale);
      const result = await importOrg(db, records, ctx(web));
      if (!result.ok) return reply.code(422).send({ error: 'IMPORT_INVALID', rows: records.length, ...reportedRowErrors(result.errors) });
      await queueLeaverHandovers(botDeps);
      return { ...result, rows: records.length };
    },
  );

  app.get('/api/admin/alert-rules', async () => ({ rules: await describeAlertThresholds(db, config.alerts) }));

  app.put('/api/admin/alert-rules', { schema: { body: alertRulesBody } }, async (request) => {
    const web = webContext(request);
    const changed = setAlertThresholds(db, request.body, ctx(web));
    return { changed: await changed, rules: await describeAlertThresholds(db, config.alerts) };
  });

  app.get('/api/admin/distribution-rules', async () => ({ limits: await describeDistributionLimits(db) }));

  app.put('/api/admin/distribution-rules', { schema: { body: distributionBody } }, async (request) => {
    const changed = await setDistributionLimits(db, request.body, ctx(webContext(request)));
    return { changed, limits: await describeDistributionLimits(db) };
  });
};
