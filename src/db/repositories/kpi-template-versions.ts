import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { hotQuery, tablesOf } from '../dialect.js';
import { templateContentSchema, type TemplateVersion } from '../../domain/kpi/template.js';

/** Parsed versions kept per process, keyed by the rows they came from; a few templates exist, each with a few versions. */
const MAX_KEPT = 256;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * A template's versions, oldest first, read in one statement (versions joined to their lines). Every
 * saved record's progress line scores its rep, so this runs on each inbound message: validating the
 * content with zod was a top cost there. The parsed versions are kept, keyed by the exact rows read —
 * versions are immutable, and a key made of the rows themselves cannot go stale (another instance's
 * edit, a rolled-back write that reused an id: different rows, a different key). They are frozen, so
 * no caller can change what the next one reads.
 */
export function templateVersionsReader(db: Db): (templateId: number) => Promise<TemplateVersion[]> {
  const { kpiTemplates, kpiTemplateVersions, kpiTemplateLines } = tablesOf(db);
  const rowsOf = hotQuery<Record<string, unknown>>(db, 'kpi_template_versions_with_lines', () =>
    db
      .select({
        periodType: kpiTemplates.periodType,
        version: kpiTemplateVersions.version,
        effectiveFrom: kpiTemplateVersions.effectiveFrom,
        name: kpiTemplateVersions.name,
        gradeBands: kpiTemplateVersions.gradeBands,
        totalMin: kpiTemplateVersions.totalMin,
        totalMax: kpiTemplateVersions.totalMax,
        position: kpiTemplateLines.position,
        lineKey: kpiTemplateLines.lineKey,
        indicator: kpiTemplateLines.indicator,
        salesChannel: kpiTemplateLines.salesChannel,
        weight: kpiTemplateLines.weight,
        target: kpiTemplateLines.target,
        rule: kpiTemplateLines.rule,
        whenNoData: kpiTemplateLines.whenNoData,
        isPrimary: kpiTemplateLines.isPrimary,
        verificationRule: kpiTemplateLines.verificationRule,
        actualCap: kpiTemplateLines.actualCap,
      })
      .from(kpiTemplateVersions)
      .innerJoin(kpiTemplates, eq(kpiTemplates.id, kpiTemplateVersions.templateId))
      .leftJoin(kpiTemplateLines, eq(kpiTemplateLines.versionId, kpiTemplateVersions.id))
      .where(eq(kpiTemplateVersions.templateId, sql.placeholder('templateId')))
      .orderBy(asc(kpiTemplateVersions.version), asc(kpiTemplateLines.position)),
  );
  const kept = new Map<string, readonly TemplateVersion[]>();

  function parse(templateId: number, rows: Row[]): readonly TemplateVersion[] {
    const versions: TemplateVersion[] = [];
    for (let i = 0; i < rows.length; ) {
      const head = rows[i] as Row;
      const lines: Row[] = [];
      for (; i < rows.length && (rows[i] as Row).version === head.version; i += 1) if ((rows[i] as Row).lineKey !== null) lines.push(rows[i] as Row);
      const content = templateContentSchema.parse({
        name: head.name,
        periodType: head.periodType,
        gradeBands: head.gradeBands,
        totalRange: { min: head.totalMin, max: head.totalMax },
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
      versions.push({ templateId, version: head.version, effectiveFrom: head.effectiveFrom, content });
    }
    return deepFreeze(versions);
  }

  return async (templateId) => {
    const rows = (await rowsOf.all({ templateId })) as unknown as Row[];
    const key = `${templateId}:${JSON.stringify(rows)}`;
    let versions = kept.get(key);
    if (!versions) {
      versions = parse(templateId, rows);
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value as string);
      kept.set(key, versions);
    }
    return [...versions];
  };
}

interface Row {
  periodType: string;
  version: number;
  effectiveFrom: string;
  name: string;
  gradeBands: unknown;
  totalMin: number;
  totalMax: number;
  position: number | null;
  lineKey: string | null;
  indicator: string | null;
  salesChannel: string | null;
  weight: number | null;
  target: number | null;
  rule: unknown;
  whenNoData: string | null;
  isPrimary: boolean | null;
  verificationRule: unknown;
  actualCap: number | null;
}
