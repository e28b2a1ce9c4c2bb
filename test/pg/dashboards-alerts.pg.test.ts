import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { tablesOf } from '../../src/db/dialect.js';
import { createAlertFactsRepository } from '../../src/db/repositories/alert-facts.js';
import { createAlertNoticeRepository } from '../../src/db/repositories/alert-notices.js';
import { createDashboardRepository } from '../../src/db/repositories/dashboard-repository.js';
import { createKpiTargetRepository } from '../../src/db/repositories/kpi-target-repository.js';
import { createManagerDigestFactsRepository } from '../../src/db/repositories/manager-digest-facts.js';
import { createOrgTargetRepository } from '../../src/db/repositories/org-target-repository.js';
import { createPayRuleRepository } from '../../src/db/repositories/pay-rule-repository.js';
import type { DataScope } from '../../src/domain/org/acting-user.js';
import { DEFAULT_PAY_RULE } from '../../src/domain/pay/pay-rule.js';
import { NOW, seedBothDatabases, TODAY, type SeededIds } from './dashboards-alerts-seed.js';

/**
 * Dashboards, alert and digest facts, targets and pay rules on PostgreSQL: the same demo database on
 * SQLite and (copied) on PostgreSQL answers every read deep-equal — numbers as numbers, money in fen —
 * and the writes round-trip with their versions.
 */
const ALL: DataScope = { kind: 'all' };
const NOVEMBER = { from: '2026-11-01', to: '2026-12-01' };
const OCTOBER = { from: '2026-10-01', to: '2026-11-01' };
const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);

describe('dashboards, alerts and digests on PostgreSQL and SQLite', () => {
  let both: Awaited<ReturnType<typeof seedBothDatabases>>;
  let ids: SeededIds;
  /** A read run on both databases: [SQLite's answer, PostgreSQL's]. */
  const onBoth = async <T>(read: (db: Db) => Promise<T>): Promise<[T, T]> => [await read(both.sqlite), await read(both.pg)];

  beforeAll(async () => {
    both = await seedBothDatabases('dashboards_alerts');
    ids = both.ids;
  }, 120_000);
  afterAll(async () => both.close());

  it('dashboard trend, channel breakdown and funnel are equal, with money as integer fen', async () => {
    const team: DataScope = { kind: 'users', userIds: new Set(ids.reps.slice(0, 3)) };
    const november = { start: Date.parse('2026-11-01T00:00:00+08:00'), end: Date.parse('2026-12-01T00:00:00+08:00') };
    for (const scope of [ALL, team]) {
      const [sqlite, pg] = await onBoth(async (db) => {
        const dashboards = createDashboardRepository(db);
        return {
          trend: await dashboards.trend(scope, [OCTOBER, NOVEMBER]),
          channels: await dashboards.salesChannelBreakdown(scope, NOVEMBER, november),
          funnel: await dashboards.funnel(scope, NOVEMBER),
        };
      });
      expect(pg).toEqual(sqlite);
      expect(sqlite.trend[1]!.visits).toBeGreaterThan(0);
      expect(sqlite.trend[1]!.wonFen).toBeGreaterThan(0);
      expect(Number.isInteger(pg.trend[1]!.paidFen)).toBe(true);
    }
    const [, pgFunnel] = await onBoth((db) => createDashboardRepository(db).funnel(ALL, NOVEMBER));
    expect(pgFunnel.find((s) => s.stage === 'proposal')).toEqual({ stage: 'proposal', deals: 1, amountFen: 12_345_600 });
    expect(pgFunnel.find((s) => s.stage === 'won')!.amountFen).toBeGreaterThan(0);
  });

  it('the lists are equal: search ignores ASCII case on both, tags match inside the JSON array', async () => {
    const [sqlite, pg] = await onBoth(async (db) => {
      const dashboards = createDashboardRepository(db);
      return {
        visits: await dashboards.listVisits(ALL, {}),
        visitsFound: await dashboards.listVisits(ALL, { q: 'acme' }),
        customers: await dashboards.listCustomers(ALL, {}),
        tagged: await dashboards.listCustomers(ALL, { tag: '重点' }),
        byAlias: await dashboards.listCustomers(ALL, { q: 'acme tech' }),
        literalPercent: await dashboards.listCustomers(ALL, { q: '100%' }),
        deals: await dashboards.listDeals(ALL, {}),
        won: await dashboards.listDeals({ kind: 'users', userIds: new Set(ids.reps) }, { stage: 'won' }),
        dealsFound: await dashboards.listDeals(ALL, { q: 'ACME' }),
      };
    });
    expect(pg).toEqual(sqlite);
    expect(pg.visits.length).toBeGreaterThan(10);
    expect(pg.visitsFound.map((v) => v.notes)).toEqual(['ACME kickoff']);
    expect(pg.tagged).toEqual([expect.objectContaining({ id: ids.acmeCustomerId, name: 'Acme 科技', tags: ['重点', '华东'], lastVisitDate: TODAY })]);
    expect(pg.byAlias.map((c) => c.id)).toEqual([ids.acmeCustomerId]);
    expect(pg.literalPercent).toEqual([]);
    expect(pg.dealsFound).toEqual([expect.objectContaining({ title: 'Acme 扩容', amountFen: 12_345_600, stage: 'proposal', customerName: 'Acme 科技' })]);
    expect(pg.won.length).toBeGreaterThan(0);
    expect(pg.won.every((d) => d.stage === 'won' && typeof d.amountFen === 'number')).toBe(true);
  });

  it('alert facts are equal: open deals of active reps with their stage date, unanswered complaints, last visits', async () => {
    const [sqlite, pg] = await onBoth(async (db) => {
      const facts = createAlertFactsRepository(db);
      return {
        lastVisits: [...(await facts.lastVisitDates())].sort(([a], [b]) => a - b),
        openDeals: byId(await facts.openDealsWithStageSince()),
        complaints: byId(await facts.unansweredComplaints(NOW)),
        earlierComplaints: byId(await facts.unansweredComplaints(NOW - 3 * 86_400_000)),
      };
    });
    expect(pg).toEqual(sqlite);
    expect(pg.openDeals.map((d) => d.title)).toEqual(['Acme 扩容', '试点项目', null]);
    expect(pg.openDeals[0]).toMatchObject({ amount_fen: 12_345_600, stage: 'proposal', customer: 'Acme 科技', since: NOW - 2 * 86_400_000 });
    expect(pg.openDeals.some((d) => d.rep_user_id === ids.inactiveRep)).toBe(false);
    expect(pg.complaints.map((c) => c.content)).toEqual(['交付延迟', '发票错误']);
    expect(pg.earlierComplaints.map((c) => c.content)).toEqual(['交付延迟']);
    expect(pg.lastVisits.find(([id]) => id === ids.reps[0])?.[1]).toBe(TODAY);
  });

  it('digest facts are equal: stage changes, overdue next steps (rescheduled and done ones), unconfirmed records', async () => {
    const [sqlite, pg] = await onBoth(async (db) => {
      const facts = createManagerDigestFactsRepository(db);
      const order = (a: { rep_user_id: number; to_stage: string }, b: { rep_user_id: number; to_stage: string }) => a.rep_user_id - b.rep_user_id || a.to_stage.localeCompare(b.to_stage);
      return {
        stageChanges: (await facts.stageChanges('2026-11-20', '2026-11-28')).sort(order),
        overdue: await facts.overdueNextSteps(TODAY),
        unconfirmed: await facts.unconfirmedRecords('2026-11-01', '2026-11-28'),
        unconfirmedFew: await facts.unconfirmedRecords('2026-11-01', '2026-11-28', 3),
      };
    });
    expect(pg).toEqual(sqlite);
    expect(pg.stageChanges.filter((c) => c.rep_user_id === ids.reps[0]).map((c) => [c.from_stage, c.to_stage])).toEqual([
      [null, 'lead'],
      ['lead', 'proposal'],
    ]);
    expect(pg.overdue.map((s) => [s.next_step, s.next_step_due])).toEqual([
      ['发送报价', '2026-11-25'],
      ['安排演示', '2026-11-26'],
    ]);
    expect(pg.unconfirmed.length).toBeGreaterThan(3);
    expect(new Set(pg.unconfirmed.map((r) => r.kind))).toEqual(new Set(['visit', 'training']));
    expect(pg.unconfirmedFew).toEqual(pg.unconfirmed.slice(0, 3));
  });

  it('alert notices: known, recorded once, purged by age', async () => {
    const notices = createAlertNoticeRepository(both.pg);
    const manager = ids.reps[0]!;
    await notices.record([{ alertKey: 'stuck:1', managerUserId: manager, digestKey: 'd1' }], NOW);
    await notices.record([{ alertKey: 'stuck:1', managerUserId: manager, digestKey: 'd2' }, { alertKey: 'idle:2', managerUserId: manager, digestKey: 'd2' }], NOW + 1);
    expect(await notices.known(['stuck:1', 'idle:2', 'idle:3'])).toEqual(new Set(['stuck:1', 'idle:2']));
    expect(await notices.known([])).toEqual(new Set());
    expect(await notices.purgeOlderThan(NOW + 1)).toBe(1);
    expect(await notices.known(['stuck:1', 'idle:2'])).toEqual(new Set(['idle:2']));
  });

  it('targets and pay rules round-trip the same way on both: set, replace, version, read back, audited', async () => {
    const ctx = { now: NOW, zone: 'Asia/Shanghai', actorUserId: null, source: 'cli' };
    const change = { now: NOW, validFrom: TODAY, actorUserId: null, source: 'cli' };
    const [rep, other] = ids.reps as [number, number];
    const [sqlite, pg] = await onBoth(async (db) => {
      const targets = createKpiTargetRepository(db);
      const set = await targets.setMany([{ userId: rep, periodKey: '2026-12', lineKey: 'visits', target: 20 }, { userId: rep, periodKey: '2026-12', lineKey: 'conversion', target: 0.35 }], ctx);
      await targets.setMany([{ userId: rep, periodKey: '2026-12', lineKey: 'visits', target: 25 }, { userId: other, periodKey: '2026-12', lineKey: 'visits', target: 30 }], ctx);
      const closed = await targets.setMany([{ userId: rep, periodKey: '2026-10', lineKey: 'visits', target: 1 }], ctx).catch((error: { code?: string }) => error.code);
      const removed = [await targets.remove(rep, '2026-12', 'conversion', ctx), await targets.remove(rep, '2026-12', 'conversion', ctx)];
      const overrides = [...(await targets.overridesFor('2026-12'))].map(([userId, lines]) => [userId, Object.fromEntries(lines)]);

      const org = createOrgTargetRepository(db);
      const versions = [
        await org.addOrgTarget({ departmentId: null, periodKey: '2026-12', lineKey: 'revenue', target: 500_000_000 }, change),
        await org.addOrgTarget({ departmentId: null, periodKey: '2026-12', lineKey: 'revenue', target: 600_000_000 }, change),
        await org.addOrgTarget({ departmentId: ids.departmentId, periodKey: '2026-12', lineKey: 'revenue', target: 200_000_000 }, change),
      ];
      await org.addRepTargetVersions(ids.departmentId, '2026-12', 'revenue', 'even', [{ userId: rep, target: 100_000_000 }, { userId: other, target: 100_000_000 }], change);
      await org.addRepTargetVersions(ids.departmentId, '2026-12', 'revenue', 'manual', [{ userId: rep, target: 120_000_000 }], change);

      const pay = createPayRuleRepository(db);
      const rule = { ...DEFAULT_PAY_RULE, commission: { tiers: [{ fromFen: 0, rateBp: 100 }, { fromFen: 10_000_000, rateBp: 300 }] } };
      const payVersions = [await pay.addVersion('sales-monthly', DEFAULT_PAY_RULE, '2026-11-01', ctx), await pay.addVersion('sales-monthly', rule, '2026-12-01', ctx), await pay.addVersion('no-such-template', rule, '2026-12-01', ctx)];

      const [first, second] = ids.resultIds;
      await pay.freeze([{ resultId: first, coefficientBp: 12_000, commissionFen: 345_600, confirmedFen: 34_560_000 }], NOW);
      // A result already frozen keeps its figures.
      await pay.freeze([{ resultId: first, coefficientBp: 1, commissionFen: 1, confirmedFen: 1 }, { resultId: second, coefficientBp: null, commissionFen: null, confirmedFen: 0 }], NOW + 1);

      const { auditLog } = tablesOf(db);
      const audit = await db.select({ action: auditLog.action, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after }).from(auditLog).where(eq(auditLog.source, 'cli')).orderBy(desc(auditLog.id)).limit(8);
      return {
        set,
        closed,
        removed,
        overrides,
        versions,
        orgTargets: await org.orgTargets('2026-12'),
        repVersions: await org.repTargetVersions('2026-12', 'revenue'),
        payVersions,
        rules: await pay.versions('sales-monthly'),
        confirmed: [...(await pay.confirmedPaymentsFen('2026-10-01', '2026-12-01', ids.reps))].sort(([a], [b]) => a - b),
        frozen: [...(await pay.frozen([...ids.resultIds, 999_999]))].sort(([a], [b]) => a - b),
        frozenNone: await pay.frozen([]),
        frozenFor: [await pay.frozenFor(rep, '2026-10'), await pay.frozenFor(rep, '2026-11')],
        audit,
      };
    });
    expect(pg).toEqual(sqlite);
    expect(pg.set).toBe(2);
    expect(pg.closed).toBe('VALIDATION_FAILED');
    expect(pg.removed).toEqual([true, false]);
    expect(pg.overrides).toEqual([
      [rep, { visits: 25 }],
      [other, { visits: 30 }],
    ]);
    expect(pg.versions).toEqual([1, 2, 1]);
    expect(pg.orgTargets.filter((t) => t.level === 'company').map((t) => [t.version, t.target])).toEqual([
      [1, 500_000_000],
      [2, 600_000_000],
    ]);
    expect(pg.repVersions.filter((v) => v.userId === rep).map((v) => [v.version, v.method, v.target])).toEqual([
      [1, 'even', 100_000_000],
      [2, 'manual', 120_000_000],
    ]);
    expect(pg.payVersions).toEqual([1, 2, undefined]);
    expect(pg.rules.map((r) => [r.version, r.effectiveFrom, r.rule.commission])).toEqual([
      [1, '2026-11-01', null],
      [2, '2026-12-01', { tiers: [{ fromFen: 0, rateBp: 100 }, { fromFen: 10_000_000, rateBp: 300 }] }],
    ]);
    expect(pg.frozen).toEqual([
      [ids.resultIds[0], { resultId: ids.resultIds[0], coefficientBp: 12_000, commissionFen: 345_600, confirmedFen: 34_560_000 }],
      [ids.resultIds[1], { resultId: ids.resultIds[1], coefficientBp: null, commissionFen: null, confirmedFen: 0 }],
    ]);
    expect(pg.frozenNone.size).toBe(0);
    expect(pg.frozenFor).toEqual([{ resultId: ids.resultIds[0], coefficientBp: 12_000, commissionFen: 345_600, confirmedFen: 34_560_000 }, undefined]);
    expect(pg.confirmed.length).toBeGreaterThan(0);
    expect(pg.confirmed.every(([, fen]) => Number.isInteger(fen) && fen > 0)).toBe(true);
    expect(pg.audit.find((a) => a.action === 'kpi.target.set' && a.entityId === `${rep}:2026-12:visits` && a.before !== null)).toMatchObject({ before: { target: 20 }, after: { target: 25 } });
  });
});
