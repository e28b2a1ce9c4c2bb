import { and, asc, eq, max } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import type { SplitMethod } from '../../domain/targets/split.js';

export interface OrgTargetRow {
  level: 'company' | 'department';
  departmentId: number | null;
  periodKey: string;
  lineKey: string;
  target: number;
  version: number;
  validFrom: string;
}

export interface RepTargetVersionRow {
  userId: number;
  lineKey: string;
  target: number;
  method: SplitMethod;
  version: number;
  validFrom: string;
}

export interface OrgTargetChange {
  now: number;
  /** The business date the change is valid from (today, in APP_TIMEZONE). */
  validFrom: string;
  actorUserId: number | null;
  source: string;
}

export const scopeKeyOf = (departmentId: number | null): string => (departmentId === null ? 'company' : `department:${departmentId}`);

/**
 * Company and department targets, and the rep targets split from them: every change is a new version
 * (old ones are kept), audited. Run inside the caller's transaction.
 */
export function orgTargetQueries(db: Db) {
  const { auditLog, kpiOrgTargets, kpiRepTargetVersions } = tablesOf(db);
  return {
    async orgTargets(periodKey: string): Promise<OrgTargetRow[]> {
      return await db
        .select({ level: kpiOrgTargets.level, departmentId: kpiOrgTargets.departmentId, periodKey: kpiOrgTargets.periodKey, lineKey: kpiOrgTargets.lineKey, target: kpiOrgTargets.target, version: kpiOrgTargets.version, validFrom: kpiOrgTargets.validFrom })
        .from(kpiOrgTargets)
        .where(eq(kpiOrgTargets.periodKey, periodKey))
        .orderBy(asc(kpiOrgTargets.scopeKey), asc(kpiOrgTargets.lineKey), asc(kpiOrgTargets.version));
    },

    async addOrgTarget(row: { departmentId: number | null; periodKey: string; lineKey: string; target: number }, ctx: OrgTargetChange): Promise<number> {
      const scopeKey = scopeKeyOf(row.departmentId);
      const where = and(eq(kpiOrgTargets.scopeKey, scopeKey), eq(kpiOrgTargets.periodKey, row.periodKey), eq(kpiOrgTargets.lineKey, row.lineKey));
      const version = ((await db.select({ v: max(kpiOrgTargets.version) }).from(kpiOrgTargets).where(where))[0]?.v ?? 0) + 1;
      const level = row.departmentId === null ? 'company' : 'department';
      await db.insert(kpiOrgTargets).values({ ...row, level, scopeKey, version, validFrom: ctx.validFrom, setByUserId: ctx.actorUserId, createdAt: ctx.now });
      await db
        .insert(auditLog)
        .values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action: 'kpi.org_target.set', entity: 'kpi_org_target', entityId: `${scopeKey}:${row.periodKey}:${row.lineKey}`, before: null, after: { target: row.target, version, validFrom: ctx.validFrom } });
      return version;
    },

    async repTargetVersions(periodKey: string, lineKey: string): Promise<RepTargetVersionRow[]> {
      return await db
        .select({ userId: kpiRepTargetVersions.userId, lineKey: kpiRepTargetVersions.lineKey, target: kpiRepTargetVersions.target, method: kpiRepTargetVersions.method, version: kpiRepTargetVersions.version, validFrom: kpiRepTargetVersions.validFrom })
        .from(kpiRepTargetVersions)
        .where(and(eq(kpiRepTargetVersions.periodKey, periodKey), eq(kpiRepTargetVersions.lineKey, lineKey)))
        .orderBy(asc(kpiRepTargetVersions.userId), asc(kpiRepTargetVersions.version));
    },

    async addRepTargetVersions(departmentId: number, periodKey: string, lineKey: string, method: SplitMethod, parts: { userId: number; target: number }[], ctx: OrgTargetChange): Promise<void> {
      for (const part of parts) {
        const where = and(eq(kpiRepTargetVersions.userId, part.userId), eq(kpiRepTargetVersions.periodKey, periodKey), eq(kpiRepTargetVersions.lineKey, lineKey));
        const version = ((await db.select({ v: max(kpiRepTargetVersions.version) }).from(kpiRepTargetVersions).where(where))[0]?.v ?? 0) + 1;
        await db
          .insert(kpiRepTargetVersions)
          .values({ userId: part.userId, departmentId, periodKey, lineKey, target: part.target, method, version, validFrom: ctx.validFrom, setByUserId: ctx.actorUserId, createdAt: ctx.now });
      }
    },
  };
}

export function createOrgTargetRepository(db: Db) {
  return asyncRepository(db, orgTargetQueries(db));
}

export type OrgTargetRepository = ReturnType<typeof createOrgTargetRepository>;
