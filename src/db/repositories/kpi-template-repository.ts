import { and, asc, eq, lte } from 'drizzle-orm';
import { inSyncTransaction, asyncRepository, type Db } from '../client.js';
import { auditLog, kpiAssignments, kpiTemplateLines, kpiTemplates, kpiTemplateVersions } from '../schema/index.js';
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
function writeVersion(db: Db, templateId: number, version: number, effectiveFrom: string, content: TemplateContent, ctx: ChangeContext, note?: string): void {
  const row = db
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
    .returning({ id: kpiTemplateVersions.id })
    .get();
  content.lines.forEach((line, position) => {
    db.insert(kpiTemplateLines)
      .values({
        versionId: row.id,
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
      })
      .run();
  });
}

export function kpiTemplateQueries(db: Db) {
  function versionsOf(templateId: number): TemplateVersion[] {
    const template = db.select().from(kpiTemplates).where(eq(kpiTemplates.id, templateId)).get();
    if (!template) return [];
    const versions = db.select().from(kpiTemplateVersions).where(eq(kpiTemplateVersions.templateId, templateId)).orderBy(asc(kpiTemplateVersions.version)).all();
    return versions.map((v) => {
      const lines = db.select().from(kpiTemplateLines).where(eq(kpiTemplateLines.versionId, v.id)).orderBy(asc(kpiTemplateLines.position)).all();
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
      return { templateId, version: v.version, effectiveFrom: v.effectiveFrom, content };
    });
  }

  function byCode(code: string) {
    return db.select().from(kpiTemplates).where(eq(kpiTemplates.code, code)).get();
  }

  function audit(ctx: ChangeContext, action: string, entityId: string, after: unknown): void {
    db.insert(auditLog).values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action, entity: 'kpi_template', entityId, before: null, after }).run();
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

    list(): TemplateSummary[] {
      return db
        .select()
        .from(kpiTemplates)
        .orderBy(asc(kpiTemplates.id))
        .all()
        .map((t) => ({ id: t.id, code: t.code, name: t.name, periodType: t.periodType, versions: versionsOf(t.id) }));
    },

    get(code: string): TemplateSummary | undefined {
      const t = byCode(code);
      return t ? { id: t.id, code: t.code, name: t.name, periodType: t.periodType, versions: versionsOf(t.id) } : undefined;
    },

    /** A new template; its first version scores from the start of the current period (or the given period start). */
    create(code: string, input: TemplateContentInput, ctx: ChangeContext, effectiveFrom?: string): TemplateSummary {
      const content = parseTemplateContent(input);
      if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(code)) throw invalid('模板代码只能用小写字母、数字和连字符 (code: a-z, 0-9, -)');
      const from = effectiveFrom ?? periodContaining(content.periodType, ctx.now, ctx.zone).startDate;
      checkEffectiveFrom(content, from, ctx);
      return inSyncTransaction(db, () => {
        if (byCode(code)) throw new AppError('CONFLICT', `template ${code} exists`, { params: { reason: `模板 ${code} 已存在 (template exists)` } });
        const row = db.insert(kpiTemplates).values({ code, name: content.name, periodType: content.periodType, createdAt: ctx.now, updatedAt: ctx.now }).returning().get();
        writeVersion(db, row.id, 1, from, content, ctx);
        audit(ctx, 'kpi.template.create', code, { version: 1, effectiveFrom: from, content });
        return { id: row.id, code, name: row.name, periodType: row.periodType, versions: versionsOf(row.id) };
      });
    },

    /** An edit: a new version effective from a period start (default: the next period). */
    addVersion(code: string, input: TemplateContentInput, ctx: ChangeContext, effectiveFrom?: string, note?: string): TemplateVersion {
      const content = parseTemplateContent(input);
      return inSyncTransaction(db, () => {
        const template = byCode(code);
        if (!template) throw new AppError('NOT_FOUND', `template ${code}`, { params: { reason: `没有模板 ${code} (no such template)` } });
        if (content.periodType !== template.periodType) throw invalid(`考核周期不能从 ${template.periodType} 改为 ${content.periodType}；请新建模板 (create a new template instead)`);
        const current = periodContaining(content.periodType, ctx.now, ctx.zone);
        const from = effectiveFrom ?? periodContaining(content.periodType, current.end, ctx.zone).startDate;
        checkEffectiveFrom(content, from, ctx);
        const versions = versionsOf(template.id);
        const version = (versions.at(-1)?.version ?? 0) + 1;
        writeVersion(db, template.id, version, from, content, ctx, note);
        db.update(kpiTemplates).set({ name: content.name, updatedAt: ctx.now }).where(eq(kpiTemplates.id, template.id)).run();
        audit(ctx, 'kpi.template.version', code, { version, effectiveFrom: from, content });
        return { templateId: template.id, version, effectiveFrom: from, content };
      });
    },

    /**
     * Assigns a template to a department (and its sub-departments) or to the rep role from a period
     * start on (default: the current period of the template's type; never a period that has ended).
     */
    assign(code: string, target: { departmentId: number } | { role: 'rep' }, ctx: ChangeContext, effectiveFrom?: string): { effectiveFrom: string } {
      const template = byCode(code);
      if (!template) throw new AppError('NOT_FOUND', `template ${code}`, { params: { reason: `没有模板 ${code} (no such template)` } });
      const from = effectiveFrom ?? periodContaining(template.periodType, ctx.now, ctx.zone).startDate;
      checkEffectiveFrom({ periodType: template.periodType }, from, ctx);
      inSyncTransaction(db, () => {
        const sameStart = 'departmentId' in target
          ? and(eq(kpiAssignments.departmentId, target.departmentId), eq(kpiAssignments.effectiveFrom, from))
          : and(eq(kpiAssignments.role, target.role), eq(kpiAssignments.effectiveFrom, from));
        db.delete(kpiAssignments).where(sameStart).run();
        db.insert(kpiAssignments)
          .values({
            templateId: template.id,
            departmentId: 'departmentId' in target ? target.departmentId : null,
            role: 'role' in target ? target.role : null,
            effectiveFrom: from,
            createdAt: ctx.now,
          })
          .run();
        audit(ctx, 'kpi.template.assign', code, { ...target, effectiveFrom: from });
      });
      return { effectiveFrom: from };
    },

    /** The assignments in force on the period's first day: the latest per department and for the rep role. */
    loadAssignments(period: Period) {
      const rows = db.select().from(kpiAssignments).where(lte(kpiAssignments.effectiveFrom, period.startDate)).orderBy(asc(kpiAssignments.effectiveFrom)).all();
      const byDepartment = new Map<number, number>();
      const byRole = new Map<string, number>();
      // Ordered by start date: later assignments overwrite earlier ones.
      for (const row of rows) {
        if (row.departmentId !== null) byDepartment.set(row.departmentId, row.templateId);
        else if (row.role !== null) byRole.set(row.role, row.templateId);
      }
      return { byDepartment, byRole, defaultTemplateId: byCode(DEFAULT_TEMPLATE_CODE)?.id ?? null };
    },

    /** Template codes by id, without loading versions. */
    codes(): Map<number, string> {
      return new Map(db.select({ id: kpiTemplates.id, code: kpiTemplates.code }).from(kpiTemplates).all().map((t) => [t.id, t.code]));
    },

    versionFor(templateId: number, period: Period, cache = new Map<number, TemplateVersion[]>()): TemplateVersion | undefined {
      let versions = cache.get(templateId);
      if (!versions) {
        versions = versionsOf(templateId);
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
    writeVersion(db, row.id, 1, SHIPPED_EFFECTIVE_FROM, DEFAULT_SALES_TEMPLATE, { now, zone: 'Asia/Shanghai', actorUserId: null, source: 'seed' }, 'shipped default');
    if (!db.select().from(kpiAssignments).where(eq(kpiAssignments.role, 'rep')).get()) {
      db.insert(kpiAssignments).values({ templateId: row.id, role: 'rep', departmentId: null, effectiveFrom: SHIPPED_EFFECTIVE_FROM, createdAt: now }).run();
    }
  });
}
