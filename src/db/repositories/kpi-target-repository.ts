import { and, eq } from 'drizzle-orm';
import { inSyncTransaction, asyncRepository, type Db } from '../client.js';
import { auditLog, kpiTargetOverrides } from '../schema/index.js';
import { AppError } from '../../domain/errors.js';
import { parsePeriodKey } from '../../domain/period.js';

export interface TargetOverride {
  userId: number;
  periodKey: string;
  lineKey: string;
  /** In the indicator's unit: fen for money, a fraction for ratios. */
  target: number;
}

export interface TargetChangeContext {
  now: number;
  zone: string;
  actorUserId: number | null;
  source: string;
}

function invalid(reason: string): AppError {
  return new AppError('VALIDATION_FAILED', reason, { params: { reason } });
}

/**
 * Per-rep per-period target overrides. A period that has ended is closed: its targets cannot be set
 * or removed any more, so a closed period's scores never change silently. Every change is audited.
 */
export function kpiTargetQueries(db: Db) {
  const forPeriod = db.$client.prepare('SELECT user_id AS userId, line_key AS lineKey, target FROM kpi_target_overrides WHERE period_key = ?');

  function assertOpen(periodKey: string, ctx: TargetChangeContext): void {
    const period = parsePeriodKey(periodKey, ctx.zone);
    if (!period) throw invalid(`周期 ${periodKey} 格式不对，应为 2026-11、2026-W48、2026-Q4 或 2026 (bad period key)`);
    if (period.end <= ctx.now) throw invalid(`周期 ${periodKey} 已结束，目标不能再修改 (the period is closed)`);
  }

  return {
    overridesFor(periodKey: string): Map<number, Map<string, number>> {
      const out = new Map<number, Map<string, number>>();
      for (const row of forPeriod.all(periodKey) as { userId: number; lineKey: string; target: number }[]) {
        let lines = out.get(row.userId);
        if (!lines) out.set(row.userId, (lines = new Map()));
        lines.set(row.lineKey, row.target);
      }
      return out;
    },

    /** Sets (or replaces) overrides, all or nothing. */
    setMany(overrides: TargetOverride[], ctx: TargetChangeContext): number {
      for (const o of overrides) {
        assertOpen(o.periodKey, ctx);
        if (!Number.isFinite(o.target) || o.target < 0) throw invalid(`目标不能为负数：${o.target} (target must be ≥ 0)`);
      }
      return inSyncTransaction(db, () => {
        for (const o of overrides) {
          const before = db
            .select()
            .from(kpiTargetOverrides)
            .where(and(eq(kpiTargetOverrides.userId, o.userId), eq(kpiTargetOverrides.periodKey, o.periodKey), eq(kpiTargetOverrides.lineKey, o.lineKey)))
            .get();
          db.insert(kpiTargetOverrides)
            .values({ ...o, setByUserId: ctx.actorUserId, createdAt: ctx.now, updatedAt: ctx.now })
            .onConflictDoUpdate({
              target: [kpiTargetOverrides.userId, kpiTargetOverrides.periodKey, kpiTargetOverrides.lineKey],
              set: { target: o.target, setByUserId: ctx.actorUserId, updatedAt: ctx.now },
            })
            .run();
          db.insert(auditLog)
            .values({
              at: ctx.now,
              actorUserId: ctx.actorUserId,
              source: ctx.source,
              action: 'kpi.target.set',
              entity: 'kpi_target',
              entityId: `${o.userId}:${o.periodKey}:${o.lineKey}`,
              before: before ? { target: before.target } : null,
              after: { target: o.target },
            })
            .run();
        }
        return overrides.length;
      });
    },

    remove(userId: number, periodKey: string, lineKey: string, ctx: TargetChangeContext): boolean {
      assertOpen(periodKey, ctx);
      const result = db
        .delete(kpiTargetOverrides)
        .where(and(eq(kpiTargetOverrides.userId, userId), eq(kpiTargetOverrides.periodKey, periodKey), eq(kpiTargetOverrides.lineKey, lineKey)))
        .run();
      if (result.changes > 0) {
        db.insert(auditLog)
          .values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action: 'kpi.target.remove', entity: 'kpi_target', entityId: `${userId}:${periodKey}:${lineKey}`, before: null, after: null })
          .run();
      }
      return result.changes > 0;
    },
  };
}

/** The same queries, each async behind the connection lock (see asyncRepository). */
export function createKpiTargetRepository(db: Db) {
  return asyncRepository(db, kpiTargetQueries(db));
}

export type KpiTargetRepository = ReturnType<typeof createKpiTargetRepository>;
