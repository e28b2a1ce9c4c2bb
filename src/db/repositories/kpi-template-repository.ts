import { and, asc, eq, lte } from 'drizzle-orm';
import { asyncRepository, inSyncTransaction, inTransaction, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import { kpiAssignments, kpiTemplateLines, kpiTemplates, kpiTemplateVersions } from '../schema/index.js';
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

/** One immutable version's row, and its lines' rows once the version has an id. */
function versionRows(templateId: number, version: number, effectiveFrom: string, content: TemplateContent, ctx: ChangeContext, note?: string) {
  return {
    version: {
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
    },
    lines: (versionId: number) =>
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
  };
}

/** Writes one immutable version and its lines. */
async function writeVersion(db: Db, templateId: number, version: number, effectiveFrom: string, content: TemplateContent, ctx: ChangeContext, note?: string): Promise<void> {
  const { kpiTemplateLines, kpiTemplateVersions } = tablesOf(db);
  const rows = versionRows(templateId, version, effectiveFrom, content, ctx, note);
  const [row] = await db.insert(kpiTemplateVersions).values(rows.version).returning({ id: kpiTemplateVersions.id });
  const lines = rows.lines((row as { id: number }).id);
  if (lines.length > 0) await db.insert(kpiTemplateLines).values(lines);
}

export function kpiTemplateQueries(db: Db) {
  const { auditLog, kpiAssignments, kpiTemplateLines, kpiTemplates, kpiTemplateVersions } = tablesOf(db);
  async function versionsOf(templateId: number): Promise<TemplateVersion[]> {
    const [template] = await db.select().from(kpiTemplates).where(eq(kpiTemplates.id, templateId)).limit(1);
    if (!template) return [];
    const versions = await db.select().from(kpiTemplateVersions).where(eq(kpiTemplateVersions.templateId, templateId)).orderBy(asc(kpiTemplateVersions.version));
    const result: TemplateVersion[] = [];
    for (const v of versions) {
      const lines = await db.select().from(kpiTemplateLines).where(eq(kpiTemplateLines.versionId, v.id)).orderBy(asc(kpiTemplateLines.position));
      const content = templateContentSchema.parse({
        name: v.name,
        periodType: template.periodType,
        gradeBands: v.gradeBands,
        totalRange: { min: v.totalMin, max: v.totalMax },
        lines: lines.map((l) => ({
          id: l.lineKey,
          indicator: l.indicator,
          ...(l.salesChannel ? { salesChannel: l.salesChannel } : {}),
          weight: l.weight,
          ...(l.target === null ? {} : { target: l.target }),
          rule: l.rule,
          whenNoData: l.whenNoData,
          ...(l.isPrimary ? { primary: true } : {}),
          ...(l.verificationRule ? { verification: l.verificationRule } : {}),
          ...(l.actualCap === null ? {} : { actualCap: l.actualCap }),
        })),
      });
      result.push({ templateId, version: v.version, effectiveFrom: v.effectiveFrom, content });
    }
    return result;
  }

  async function byCode(code: string) {
    return (await db.select().from(kpiTemplates).where(eq(kpiTemplates.code, code)).limit(1))[0];
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
      const summaries: TemplateSummary[] = [];
      for (const t of await db.select().from(kpiTemplates).orderBy(asc(kpiTemplates.id))) {
        summaries.push({ id: t.id, code: t.code, name: t.name, periodType: t.periodType, versions: await versionsOf(t.id) });
      }
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
      // Ties on the start date keep insertion order (SQLite's scan order; pg needs the id said).
      const rows = await db.select().from(kpiAssignments).where(lte(kpiAssignments.effectiveFrom, period.startDate)).orderBy(asc(kpiAssignments.effectiveFrom), asc(kpiAssignments.id));
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
      return new Map((await db.select({ id: kpiTemplates.id, code: kpiTemplates.code }).from(kpiTemplates)).map((t) => [t.id, t.code]));
    },

    async versionFor(templateId: number, period: Period, cache = new Map<number, TemplateVersion[]>()): Promise<TemplateVersion | undefined> {
      let versions = cache.get(templateId);
      if (!versions) {
        versions = await versionsOf(templateId);
        cache.set(templateId, versions);
      }
      return versionInForce(versions, period);
    },
  };
}

/** The same queries, each async behind the connection lock (see asyncRepository). */
export function createKpiTemplateRepository(db: Db) {
  return asyncRepository(db, kpiTemplateQueries(db));
}

/** Installs the shipped sales template (and assigns it to the rep role) once; safe at every boot. */
export function ensureDefaultKpiTemplate(db: Db, now: number): void {
  inSyncTransaction(db, () => {
    if (db.select().from(kpiTemplates).where(eq(kpiTemplates.code, DEFAULT_TEMPLATE_CODE)).get()) return;
    const row = db
      .insert(kpiTemplates)
      .values({ code: DEFAULT_TEMPLATE_CODE, name: DEFAULT_SALES_TEMPLATE.name, periodType: DEFAULT_SALES_TEMPLATE.periodType, createdAt: now, updatedAt: now })
      .returning()
      .get();
    // Written directly (not via create) because the shipped version is in force from before "now".
    const rows = versionRows(row.id, 1, SHIPPED_EFFECTIVE_FROM, DEFAULT_SALES_TEMPLATE, { now, zone: 'Asia/Shanghai', actorUserId: null, source: 'seed' }, 'shipped default');
    const version = db.insert(kpiTemplateVersions).values(rows.version).returning({ id: kpiTemplateVersions.id }).get();
    for (const line of rows.lines(version.id)) db.insert(kpiTemplateLines).values(line).run();
    if (!db.select().from(kpiAssignments).where(eq(kpiAssignments.role, 'rep')).get()) {
      db.insert(kpiAssignments).values({ templateId: row.id, role: 'rep', departmentId: null, effectiveFrom: SHIPPED_EFFECTIVE_FROM, createdAt: now }).run();
    }
  });
}
