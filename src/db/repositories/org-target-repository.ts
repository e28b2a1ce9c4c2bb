import { and, asc, eq, max } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { auditLog, kpiOrgTargets, kpiRepTargetVersions } from '../schema/index.js';
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
  return {
    orgTargets(periodKey: string): OrgTargetRow[] {
      return db
        .select({ level: kpiOrgTargets.level, departmentId: kpiOrgTargets.departmentId, periodKey: kpiOrgTargets.periodKey, lineKey: kpiOrgTargets.lineKey, target: kpiOrgTargets.target, version: kpiOrgTargets.version, validFrom: kpiOrgTargets.validFrom })
        .from(kpiOrgTargets)
        .where(eq(kpiOrgTargets.periodKey, periodKey))
        .orderBy(asc(kpiOrgTargets.scopeKey), asc(kpiOrgTargets.lineKey), asc(kpiOrgTargets.version))
        .all();
    },

    addOrgTarget(row: { departmentId: number | null; periodKey: string; lineKey: string; target: number }, ctx: OrgTargetChange): number {
      const scopeKey = scopeKeyOf(row.departmentId);
      const where = and(eq(kpiOrgTargets.scopeKey, scopeKey), eq(kpiOrgTargets.periodKey, row.periodKey), eq(kpiOrgTargets.lineKey, row.lineKey));
      const version = (db.select({ v: max(kpiOrgTargets.version) }).from(kpiOrgTargets).where(where).get()?.v ?? 0) + 1;
      const level = row.departmentId === null ? 'company' : 'department';
      db.insert(kpiOrgTargets)
        .values({ ...row, level, scopeKey, version, validFrom: ctx.validFrom, setByUserId: ctx.actorUserId, createdAt: ctx.now })
        .run();
      db.insert(auditLog)
        .values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action: 'kpi.org_target.set', entity: 'kpi_org_target', entityId: `${scopeKey}:${row.periodKey}:${row.lineKey}`, before: null, after: { target: row.target, version, validFrom: ctx.validFrom } })
        .run();
      return version;
    },

    repTargetVersions(periodKey: string, lineKey: string): RepTargetVersionRow[] {
      return db
        .select({ userId: kpiRepTargetVersions.userId, lineKey: kpiRepTargetVersions.lineKey, target: kpiRepTargetVersions.target, method: kpiRepTargetVersions.method, version: kpiRepTargetVersions.version, validFrom: kpiRepTargetVersions.validFrom })
        .from(kpiRepTargetVersions)
        .where(and(eq(kpiRepTargetVersions.periodKey, periodKey), eq(kpiRepTargetVersions.lineKey, lineKey)))
        .orderBy(asc(kpiRepTargetVersions.userId), asc(kpiRepTargetVersions.version))
        .all();
    },

    addRepTargetVersions(departmentId: number, periodKey: string, lineKey: string, method: SplitMethod, parts: { userId: number; target: number }[], ctx: OrgTargetChange): void {
      for (const part of parts) {
        const where = and(eq(kpiRepTargetVersions.userId, part.userId), eq(kpiRepTargetVersions.periodKey, periodKey), eq(kpiRepTargetVersions.lineKey, lineKey));
        const version = (db.select({ v: max(kpiRepTargetVersions.version) }).from(kpiRepTargetVersions).where(where).get()?.v ?? 0) + 1;
        db.insert(kpiRepTargetVersions)
          .values({ userId: part.userId, departmentId, periodKey, lineKey, target: part.target, method, version, validFrom: ctx.validFrom, setByUserId: ctx.actorUserId, createdAt: ctx.now })
          .run();
      }
    },
  };
}

export function createOrgTargetRepository(db: Db) {
  return asyncRepository(db, orgTargetQueries(db));
}

export type OrgTargetRepository = ReturnType<typeof createOrgTargetRepository>;
