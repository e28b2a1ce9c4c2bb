import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { seedNovember, userIdOf } from '../../helpers/assessment.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

/** Company → department → rep targets through the H5 API (clock: 27 November 2026, November running). */
describe('H5 API: cascading targets', () => {
  let t: TestApp;
  let admin: WebClient;
  let east: number;
  let south: number;

  async function departmentId(path: string): Promise<number> {
    const { departments } = tablesOf(t.db);
    const [row] = await t.db.select({ id: departments.id }).from(departments).where(eq(departments.path, path));
    return row!.id;
  }
  async function overrides(period: string, line: string): Promise<Record<string, number>> {
    const { kpiTargetOverrides: o, users: u } = tablesOf(t.db);
    const rows = await t.db
      .select({ e: u.employeeNo, target: o.target })
      .from(o)
      .innerJoin(u, eq(u.id, o.userId))
      .where(and(eq(o.periodKey, period), eq(o.lineKey, line)))
      .orderBy(u.employeeNo);
    return Object.fromEntries(rows.map((r) => [r.e, r.target]));
  }

  beforeEach(async () => {
    t = await createTestApp();
    await seedNovember(t.db);
    admin = await devLogin(t.app, 'A001');
    east = await departmentId('销售部/华东一组');
    south = await departmentId('销售部/华南二组');
  });
  afterEach(async () => t.close());

  it("splits a department target by last period's share of 回款, to the fen, and the sum check balances", async () => {
    const response = await admin.post('/api/targets', { period: '2026-12', departmentId: east, line: 'payments', target: 30_000_000, split: { method: 'share' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.applied).toBe('share');
    // November's 回款: S100 0, S101 90,000, S102 40,000, S103 65,000, S104 10,000, S105 75,000 元 (280,000 in all).
    // Floors add up to 29,999,998 fen; the two fen left go to the largest remainders (S103 .714, S104 .571).
    expect(await overrides('2026-12', 'payments')).toEqual({ S100: 0, S101: 9_642_857, S102: 4_285_714, S103: 6_964_286, S104: 1_071_429, S105: 8_035_714 });
    expect(body.check).toEqual({ target: 30_000_000, allocated: 30_000_000, difference: 0, percent: '100.0' });
    const view = (await admin.get(`/api/targets/departments/${east}?period=2026-12`)).json();
    expect(view.lines).toEqual([expect.objectContaining({ lineKey: 'payments', unit: 'fen', target: 30_000_000, version: 1, validFrom: '2026-11-27' })]);
    expect(view.lines[0].reps).toHaveLength(6);
    // What the page needs for a split by hand: the lines with their unit from the indicator, and the reps.
    const units = Object.fromEntries(view.choices.map((c: { lineKey: string; unit: string }) => [c.lineKey, c.unit]));
    expect(units).toMatchObject({ payments: 'fen', visits: 'count' });
    expect(units.conversion).toBeUndefined();
    expect(view.choices.find((c: { lineKey: string }) => c.lineKey === 'payments').indicator).toMatch(/回款/);
    expect(view.reps.map((r: { employeeNo: string; targets: { payments: number } }) => [r.employeeNo, r.targets.payments])).toEqual(Object.entries(await overrides('2026-12', 'payments')));
  });

  it('lets a manager split their own team evenly and the head of the parent department too, and refuses the manager of another department', async () => {
    const own = await devLogin(t.app, 'S100');
    const evenly = await own.post('/api/targets', { period: '2026-12', departmentId: east, line: 'visits', target: 245, split: { method: 'even' } });
    expect(evenly.statusCode, evenly.body).toBe(200);
    expect(await overrides('2026-12', 'visits')).toEqual({ S100: 41, S101: 41, S102: 41, S103: 41, S104: 41, S105: 40 });

    const head = await devLogin(t.app, 'S000');
    expect((await head.post('/api/targets', { period: '2026-12', departmentId: east, line: 'visits', target: 240, split: { method: 'even' } })).statusCode).toBe(200);
    expect((await overrides('2026-12', 'visits')).S105).toBe(40);

    const other = await devLogin(t.app, 'S200');
    const refused = await other.post('/api/targets', { period: '2026-12', departmentId: east, line: 'visits', target: 1, split: { method: 'even' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('只能设置自己负责的部门的目标');
    expect((await other.get(`/api/targets/departments/${east}?period=2026-12`)).statusCode).toBe(403);
    expect((await other.get(`/api/targets/departments/${south}?period=2026-12`)).statusCode).toBe(200);
    expect((await other.post('/api/targets', { period: '2026-12', departmentId: null, line: 'visits', target: 1 })).statusCode).toBe(403);
    const rep = await devLogin(t.app, 'S101');
    expect((await rep.get(`/api/targets/departments/${east}?period=2026-12`)).statusCode).toBe(403);
    expect((await overrides('2026-12', 'visits')).S105).toBe(40);
  });

  it('keeps a mid-period change as a new version and shows how far a split by hand falls short', async () => {
    expect((await admin.post('/api/targets', { period: '2026-11', departmentId: east, line: 'payments', target: 20_000_000 })).statusCode).toBe(200);
    t.clock.set('2026-11-28T09:00:00+08:00');
    admin = await devLogin(t.app, 'A001'); // the session from yesterday has timed out
    const manual = [
      { userId: (await userIdOf(t.db, 'S101')), target: 10_000_000 },
      { userId: (await userIdOf(t.db, 'S102')), target: 8_000_000 },
    ];
    const changed = await admin.post('/api/targets', { period: '2026-11', departmentId: east, line: 'payments', target: 24_000_000, split: { method: 'manual', manual } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().version).toBe(2);
    expect(changed.json().check).toEqual({ target: 24_000_000, allocated: 18_000_000, difference: -6_000_000, percent: '75.0' });
    const view = (await admin.get(`/api/targets/departments/${east}?period=2026-11`)).json();
    expect(view.lines[0]).toMatchObject({ target: 24_000_000, version: 2, validFrom: '2026-11-28' });
    expect(view.lines[0].history).toEqual([
      { version: 1, target: 20_000_000, validFrom: '2026-11-27' },
      { version: 2, target: 24_000_000, validFrom: '2026-11-28' },
    ]);
    const { kpiRepTargetVersions: versions } = tablesOf(t.db);
    expect(await t.db.select({ n: count() }).from(versions).where(and(eq(versions.periodKey, '2026-11'), eq(versions.method, 'manual')))).toEqual([{ n: 6 }]);
  });

  it('sums the department targets against the company target (admins only)', async () => {
    await admin.post('/api/targets', { period: '2026-12', departmentId: null, line: 'payments', target: 50_000_000 });
    await admin.post('/api/targets', { period: '2026-12', departmentId: east, line: 'payments', target: 30_000_000 });
    await admin.post('/api/targets', { period: '2026-12', departmentId: south, line: 'payments', target: 15_000_000 });
    const company = (await admin.get('/api/targets/company?period=2026-12')).json();
    expect(company.lines).toEqual([expect.objectContaining({ lineKey: 'payments', target: 50_000_000, check: { target: 50_000_000, allocated: 45_000_000, difference: -5_000_000, percent: '90.0' } })]);
    expect((await (await devLogin(t.app, 'S100')).get('/api/targets/company?period=2026-12')).statusCode).toBe(403);
  });

  it('adds only top-level departments to the company sum: a parent and its child are not both counted', async () => {
    const sales = await departmentId('销售部');
    await admin.post('/api/targets', { period: '2026-12', departmentId: null, line: 'payments', target: 50_000_000 });
    await admin.post('/api/targets', { period: '2026-12', departmentId: east, line: 'payments', target: 30_000_000 });
    await admin.post('/api/targets', { period: '2026-12', departmentId: south, line: 'payments', target: 15_000_000 });
    // Without a parent target the two teams are the top level.
    expect((await admin.get('/api/targets/company?period=2026-12')).json().lines[0].check.allocated).toBe(45_000_000);

    expect((await admin.post('/api/targets', { period: '2026-12', departmentId: sales, line: 'payments', target: 48_000_000 })).statusCode).toBe(200);
    const line = (await admin.get('/api/targets/company?period=2026-12')).json().lines[0];
    expect(line.check).toEqual({ target: 50_000_000, allocated: 48_000_000, difference: -2_000_000, percent: '96.0' });
    const counted = Object.fromEntries(line.departments.map((d: { departmentId: number; counted: boolean }) => [d.departmentId, d.counted]));
    expect(counted).toEqual({ [sales]: true, [east]: false, [south]: false });
  });

  it('refuses a ratio line, a closed period and a fractional amount, with the reason in the reader’s language; nothing is written', async () => {
    const ratio = await admin.post('/api/targets', { period: '2026-12', departmentId: east, line: 'conversion', target: 1, split: { method: 'even' } });
    expect(ratio.statusCode).toBe(400);
    expect(ratio.body).toContain('不能按部门拆分');
    expect((await admin.post('/api/targets', { period: '2026-10', departmentId: east, line: 'payments', target: 1 })).body).toContain('已结束');
    expect((await admin.post('/api/targets', { period: '2026-12', departmentId: east, line: 'payments', target: 1.5 })).statusCode).toBe(400);
    expect(await t.db.select({ n: count() }).from(tablesOf(t.db).kpiOrgTargets)).toEqual([{ n: 0 }]);
  });
});
