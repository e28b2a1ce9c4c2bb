import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { inTransaction, asyncRepository, type Db } from '../client.js';
import { hotQuery, tablesOf } from '../dialect.js';
import { templateVersionsReader } from './kpi-template-versions.js';
import { DEFAULT_SALES_TEMPLATE } from '../../domain/kpi/default-template.js';
import { bilingualIssue } from '../../i18n/issue-text.js';
import { templateContentSchema, versionInForce, type TemplateContent, type TemplateContentInput, type TemplateVersion } from '../../domain/kpi/template.js';
import { AppError } from '../../domain/errors.js';
import { parseBusinessDate, periodContaining, periodOfDate, type Period } from '../../domain/period.js';

export const DEFAULT_TEMPLATE_CODE = 'sales-monthly';
/** The shipped template is in force from the beginning of time, so any period can be scored. */
const SHIPPED_EFFECTIVE_FROM = '2000-01-01';

export interface TemplateSummary {
  id: number;
  code: string;
  name: string;
  periodType: TemplateContent['periodType'];
  versions: TemplateVersion[];
}

export interface ChangeContext {
  now: number;
  zone: string;
  actorUserId: number | null;
  source: string;
}

function invalid(reason: string): AppError {
  return new AppError('VALIDATION_FAILED', reason, { params: { reason } });
}

/** Validates template content, with every problem in one readable reason. */
export function parseTemplateContent(input: unknown): TemplateContent {
  const parsed = templateContentSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => `${i.path.join('.') || '模板'}: ${bilingualIssue(i)}`).join('; '));
  }
  return parsed.data;
}

/** Writes one immutable version and its lines. */
async function writeVersion(db: Db, templateId: number, version: number, effectiveFrom: string, content: TemplateContent, ctx: ChangeContext, note?: string): Promise<void> {
  const { kpiTemplateVersions, kpiTemplateLines } = tablesOf(db);
  const [row] = await db
    .insert(kpiTemplateVersions)
    .values({
      templateId,
      version,
      effectiveFrom,
      name: content.name,
      gradeBands: content.gradeBands,
      totalMin: content.totalRange.min,
      totalMax: content.totalRange.max,
      note: note ?? null,
      createdByUserId: ctx.actorUserId,
      createdAt: ctx.now,
    })
    .returning({ id: kpiTemplateVersions.id });
  const versionId = (row as { id: number }).id;
  if (content.lines.length === 0) return;
  await db.insert(kpiTemplateLines).values(
    content.lines.map((line, position) => ({
      versionId,
      position,
      lineKey: line.id,
      indicator: line.indicator,
      salesChannel: line.salesChannel ?? null,
      weight: line.weight,
      target: line.target ?? null,
      rule: line.rule,
      whenNoData: line.whenNoData,
      isPrimary: line.primary ?? false,
      verificationRule: line.verification ?? null,
      actualCap: line.actualCap ?? null,
    })),
  );
}

export function kpiTemplateQueries(db: Db) {
  const { auditLog, kpiAssignments, kpiTemplates } = tablesOf(db);
  const versionsOf = templateVersionsReader(db);
  const templateByCode = hotQuery<typeof kpiTemplates.$inferSelect>(db, 'kpi_template_by_code', () => db.select().from(kpiTemplates).where(eq(kpiTemplates.code, sql.placeholder('code'))));
  const assignmentsFrom = hotQuery<typeof kpiAssignments.$inferSelect>(db, 'kpi_assignments_in_force', () =>
    db.select().from(kpiAssignments).where(lte(kpiAssignments.effectiveFrom, sql.placeholder('startDate'))).orderBy(asc(kpiAssignments.effectiveFrom), asc(kpiAssignments.id)),
  );
  const templateCodes = hotQuery<{ id: number; code: string }>(db, 'kpi_template_codes', () => db.select({ id: kpiTemplates.id, code: kpiTemplates.code }).from(kpiTemplates));

  function byCode(code: string) {
    return templateByCode.get({ code });
  }

  async function audit(ctx: ChangeContext, action: string, entityId: string, after: unknown): Promise<void> {
    await db.insert(auditLog).values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action, entity: 'kpi_template', entityId, before: null, after });
  }

  /**
   * An edit takes effect from a period start, never earlier than the start of the current period:
   * a period that has already ended keeps the version it was scored with.
   */
  function checkEffectiveFrom(content: Pick<TemplateContent, 'periodType'>, effectiveFrom: string, ctx: ChangeContext): void {
    if (!parseBusinessDate(effectiveFrom, ctx.zone)) throw invalid(`生效日期 ${effectiveFrom} 不是有效日期 (YYYY-MM-DD)`);
    const period = periodOfDate(content.periodType, effectiveFrom, ctx.zone);
    if (period.startDate !== effectiveFrom) throw invalid(`生效日期必须是考核周期的第一天，例如 ${period.startDate} (must be a period start)`);
    const current = periodContaining(content.periodType, ctx.now, ctx.zone);
    if (effectiveFrom < current.startDate) throw invalid(`已结束的周期不能修改：生效日期不能早于 ${current.startDate} (a closed period cannot change)`);
  }

  return {
    versionsOf,

    async list(): Promise<TemplateSummary[]> {
      const templates = await db.select().from(kpiTemplates).orderBy(asc(kpiTemplates.id));
      const summaries: TemplateSummary[] = [];
      for (const t of templates) summaries.push({ id: t.id, code: t.code, name: t.name, periodType: t.periodType, versions: await versionsOf(t.id) });
      return summaries;
    },

    async get(code: string): Promise<TemplateSummary | undefined> {
      const t = await byCode(code);
      return t ? { id: t.id, code: t.code, name: t.name, periodType: t.periodType, versions: await versionsOf(t.id) } : undefined;
    },

    /** A new template; its first version scores from the start of the current period (or the given period start). */
    async create(code: string, input: TemplateContentInput, ctx: ChangeContext, effectiveFrom?: string): Promise<TemplateSummary> {
      const content = parseTemplateContent(input);
      if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(code)) throw invalid('模板代码只能用小写字母、数字和连字符 (code: a-z, 0-9, -)');
      const from = effectiveFrom ?? periodContaining(content.periodType, ctx.now, ctx.zone).startDate;
      checkEffectiveFrom(content, from, ctx);
      return inTransaction(db, async () => {
        if (await byCode(code)) throw new AppError('CONFLICT', `template ${code} exists`, { params: { reason: `模板 ${code} 已存在 (template exists)` } });
        const [row] = await db.insert(kpiTemplates).values({ code, name: content.name, periodType: content.periodType, createdAt: ctx.now, updatedAt: ctx.now }).returning();
        const created = row as typeof kpiTemplates.$inferSelect;
        await writeVersion(db, created.id, 1, from, content, ctx);
        await audit(ctx, 'kpi.template.create', code, { version: 1, effectiveFrom: from, content });
        return { id: created.id, code, name: created.name, periodType: created.periodType, versions: await versionsOf(created.id) };
      });
    },

    /** An edit: a new version effective from a period start (default: the next period). */
    async addVersion(code: string, input: TemplateContentInput, ctx: ChangeContext, effectiveFrom?: string, note?: string): Promise<TemplateVersion> {
      const content = parseTemplateContent(input);
      return inTransaction(db, async () => {
        const template = await byCode(code);
        if (!template) throw new AppError('NOT_FOUND', `template ${code}`, { params: { reason: `没有模板 ${code} (no such template)` } });
        if (content.periodType !== template.periodType) throw invalid(`考核周期不能从 ${template.periodType} 改为 ${content.periodType}；请新建模板 (create a new template instead)`);
        const current = periodContaining(content.periodType, ctx.now, ctx.zone);
        const from = effectiveFrom ?? periodContaining(content.periodType, current.end, ctx.zone).startDate;
        checkEffectiveFrom(content, from, ctx);
        const versions = await versionsOf(template.id);
        const version = (versions.at(-1)?.version ?? 0) + 1;
        await writeVersion(db, template.id, version, from, content, ctx, note);
        await db.update(kpiTemplates).set({ name: content.name, updatedAt: ctx.now }).where(eq(kpiTemplates.id, template.id));
        await audit(ctx, 'kpi.template.version', code, { version, effectiveFrom: from, content });
        return { templateId: template.id, version, effectiveFrom: from, content };
      });
    },

    /**
     * Assigns a template to a department (and its sub-departments) or to the rep role from a period
     * start on (default: the current period of the template's type; never a period that has ended).
     */
    async assign(code: string, target: { departmentId: number } | { role: 'rep' }, ctx: ChangeContext, effectiveFrom?: string): Promise<{ effectiveFrom: string }> {
      const template = await byCode(code);
      if (!template) throw new AppError('NOT_FOUND', `template ${code}`, { params: { reason: `没有模板 ${code} (no such template)` } });
      const from = effectiveFrom ?? periodContaining(template.periodType, ctx.now, ctx.zone).startDate;
      checkEffectiveFrom({ periodType: template.periodType }, from, ctx);
      await inTransaction(db, async () => {
        const sameStart = 'departmentId' in target
          ? and(eq(kpiAssignments.departmentId, target.departmentId), eq(kpiAssignments.effectiveFrom, from))
          : and(eq(kpiAssignments.role, target.role), eq(kpiAssignments.effectiveFrom, from));
        await db.delete(kpiAssignments).where(sameStart);
        await db
          .insert(kpiAssignments)
          .values({
            templateId: template.id,
            departmentId: 'departmentId' in target ? target.departmentId : null,
            role: 'role' in target ? target.role : null,
            effectiveFrom: from,
            createdAt: ctx.now,
          });
        await audit(ctx, 'kpi.template.assign', code, { ...target, effectiveFrom: from });
      });
      return { effectiveFrom: from };
    },

    /** The assignments in force on the period's first day: the latest per department and for the rep role. */
    async loadAssignments(period: Period) {
      const rows = await assignmentsFrom.all({ startDate: period.startDate });
      const byDepartment = new Map<number, number>();
      const byRole = new Map<string, number>();
      // Ordered by start date: later assignments overwrite earlier ones.
      for (const row of rows) {
        if (row.departmentId !== null) byDepartment.set(row.departmentId, row.templateId);
        else if (row.role !== null) byRole.set(row.role, row.templateId);
      }
      return { byDepartment, byRole, defaultTemplateId: (await byCode(DEFAULT_TEMPLATE_CODE))?.id ?? null };
    },

    /** Template codes by id, without loading versions. */
    async codes(): Promise<Map<number, string>> {
      return new Map((await templateCodes.all()).map((t) => [t.id, t.code]));
    },

    async versionFor(templateId: number, period: Period, cache = new Map<number, readonly TemplateVersion[]>()): Promise<TemplateVersion | undefined> {
      let versions = cache.get(templateId);
      if (!versions) {
        versions = await versionsOf(templateId);
        cache.set(templateId, versions);
      }
      return versionInForce(versions, period);
    },
  };
}

// Built once per database: its statements are prepared once (see hotQuery).
const repositories = new WeakMap<Db, ReturnType<typeof kpiTemplateQueries>>();

/** The same queries behind the connection lock (see asyncRepository). */
export function createKpiTemplateRepository(db: Db) {
  let repository = repositories.get(db);
  if (!repository) repositories.set(db, (repository = asyncRepository(db, kpiTemplateQueries(db)) as ReturnType<typeof kpiTemplateQueries>));
  return repository;
}

/** Installs the shipped sales template (and assigns it to the rep role) once; safe at every boot. */
export async function ensureDefaultKpiTemplate(db: Db, now: number): Promise<void> {
  const { kpiTemplates, kpiAssignments } = tablesOf(db);
  await inTransaction(db, async () => {
    if ((await db.select({ id: kpiTemplates.id }).from(kpiTemplates).where(eq(kpiTemplates.code, DEFAULT_TEMPLATE_CODE)).limit(1)).length > 0) return;
    const [row] = await db
      .insert(kpiTemplates)
      .values({ code: DEFAULT_TEMPLATE_CODE, name: DEFAULT_SALES_TEMPLATE.name, periodType: DEFAULT_SALES_TEMPLATE.periodType, createdAt: now, updatedAt: now })
      .returning({ id: kpiTemplates.id });
    const templateId = (row as { id: number }).id;
    // Written directly (not via create) because the shipped version is in force from before "now".
    await writeVersion(db, templateId, 1, SHIPPED_EFFECTIVE_FROM, DEFAULT_SALES_TEMPLATE, { now, zone: 'Asia/Shanghai', actorUserId: null, source: 'seed' }, 'shipped default');
    if ((await db.select({ id: kpiAssignments.id }).from(kpiAssignments).where(eq(kpiAssignments.role, 'rep')).limit(1)).length === 0) {
      await db.insert(kpiAssignments).values({ templateId, role: 'rep', departmentId: null, effectiveFrom: SHIPPED_EFFECTIVE_FROM, createdAt: now });
    }
  });
}
