import { createDashboardRepository, type DashboardRepository } from '../../db/repositories/dashboard-repository.js';
import type { Period } from '../../domain/period.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

type Trend = Awaited<ReturnType<DashboardRepository['trend']>>;

/**
 * Visits, won and paid amounts per period (oldest first): of one rep when `userId` is given (the
 * door has checked the actor may see them), else of everyone in the actor's scope (the team view).
 */
export const activityTrend = (deps: AppDeps, actor: Actor, input: { periods: Period[]; userId?: number | undefined }): Promise<Trend> =>
  createDashboardRepository(deps.db).trend(
    input.userId === undefined ? actor.scope : { kind: 'users', userIds: new Set([input.userId]) },
    input.periods.map((p) => ({ from: p.startDate, to: p.endDate })),
  );

/** Per sales channel in the period, within the actor's scope: visits, new customers, deals won and lost, revenue. */
export const salesChannelBreakdown = (deps: AppDeps, actor: Actor, period: Period): Promise<Awaited<ReturnType<DashboardRepository['salesChannelBreakdown']>>> =>
  createDashboardRepository(deps.db).salesChannelBreakdown(actor.scope, { from: period.startDate, to: period.endDate }, { start: period.start, end: period.end });

/** Open deals per stage now, and what was won and lost in the period, within the actor's scope. */
export const dealFunnel = (deps: AppDeps, actor: Actor, period: Period): Promise<Awaited<ReturnType<DashboardRepository['funnel']>>> =>
  createDashboardRepository(deps.db).funnel(actor.scope, { from: period.startDate, to: period.endDate });
