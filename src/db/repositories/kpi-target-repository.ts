import { and, eq } from 'drizzle-orm';
import { asyncRepository, inTransaction, type Db } from '../client.js';
import { affected, isPg, tablesOf } from '../dialect.js';
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

type OverrideRow = { userId: number; lineKey: string; target: number };

function overridesByUser(rows: OverrideRow[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const row of rows) {
    let lines = out.get(row.userId);
    if (!lines) out.set(row.userId, (lines = new Map()));
    lines.set(row.lineKey, row.target);
  }
  return out;
}

function invalid(reason: string): AppError {
  return new AppError('VALIDATION_FAILED', reason, { params: { reason } });
}

/**
 * Per-rep per-period target overrides. A period that has ended is closed: its targets cannot be set
 * or removed any more, so a closed period's scores never change silently. Every change is audited.
 */
export function kpiTargetQueries(db: Db) {
  const { auditLog, kpiTargetOverrides } = tablesOf(db);
  // Read on every scoring run (the KPI engine's hot path): prepared once on SQLite.
  const forPeriodSqlite = isPg(db) ? undefined : db.$client.prepare('SELECT user_id AS userId, line_key AS lineKey, target FROM kpi_target_overrides WHERE period_key = ?');
  const forPeriod = async (periodKey: string) =>
    forPeriodSqlite
      ? (forPeriodSqlite.all(periodKey) as OverrideRow[])
      : await db
          .select({ userId: kpiTargetOverrides.userId, lineKey: kpiTargetOverrides.lineKey, target: kpiTargetOverrides.target })
          .from(kpiTargetOverrides)
          .where(eq(kpiTargetOverrides.periodKey, periodKey));

  function assertOpen(periodKey: string, ctx: TargetChangeContext): void {
    const period = parsePeriodKey(periodKey, ctx.zone);
    if (!period) throw invalid(`周期 ${periodKey} 格式不对，应为 2026-11、2026-W48、2026-Q4 或 2026 (bad period key)`);
    if (period.end <= ctx.now) throw invalid(`周期 ${periodKey} 已结束，目标不能再修改 (the period is closed)`);
  }

  return {
    async overridesFor(periodKey: string): Promise<Map<number, Map<string, number>>> {
      return overridesByUser(await forPeriod(periodKey));
    },

    /** Sets (or replaces) overrides, all or nothing. */
    async setMany(overrides: TargetOverride[], ctx: TargetChangeContext): Promise<number> {
      for (const o of overrides) {
        assertOpen(o.periodKey, ctx);
        if (!Number.isFinite(o.target) || o.target < 0) throw invalid(`目标不能为负数：${o.target} (target must be ≥ 0)`);
      }
      return await inTransaction(db, async () => {
        for (const o of overrides) {
          const [before] = await db
            .select()
            .from(kpiTargetOverrides)
            .where(and(eq(kpiTargetOverrides.userId, o.userId), eq(kpiTargetOverrides.periodKey, o.periodKey), eq(kpiTargetOverrides.lineKey, o.lineKey)))
            .limit(1);
          await db
            .insert(kpiTargetOverrides)
            .values({ ...o, setByUserId: ctx.actorUserId, createdAt: ctx.now, updatedAt: ctx.now })
            .onConflictDoUpdate({
              target: [kpiTargetOverrides.userId, kpiTargetOverrides.periodKey, kpiTargetOverrides.lineKey],
              set: { target: o.target, setByUserId: ctx.actorUserId, updatedAt: ctx.now },
            });
          await db.insert(auditLog).values({
            at: ctx.now,
            actorUserId: ctx.actorUserId,
            source: ctx.source,
            action: 'kpi.target.set',
            entity: 'kpi_target',
            entityId: `${o.userId}:${o.periodKey}:${o.lineKey}`,
            before: before ? { target: before.target } : null,
            after: { target: o.target },
          });
        }
        return overrides.length;
      });
    },

    async remove(userId: number, periodKey: string, lineKey: string, ctx: TargetChangeContext): Promise<boolean> {
      assertOpen(periodKey, ctx);
      const removed = affected(
        await db
          .delete(kpiTargetOverrides)
          .where(and(eq(kpiTargetOverrides.userId, userId), eq(kpiTargetOverrides.periodKey, periodKey), eq(kpiTargetOverrides.lineKey, lineKey))),
      );
      if (removed > 0) {
        await db
          .insert(auditLog)
          .values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action: 'kpi.target.remove', entity: 'kpi_target', entityId: `${userId}:${periodKey}:${lineKey}`, before: null, after: null });
      }
      return removed > 0;
    },
  };
}

/** The same queries, each async behind the connection lock (see asyncRepository). */
export function createKpiTargetRepository(db: Db) {
  return asyncRepository(db, kpiTargetQueries(db));
}

export type KpiTargetRepository = ReturnType<typeof createKpiTargetRepository>;
