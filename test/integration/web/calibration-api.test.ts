import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/dialect.js';
import { admin, flush, seedMonth, seedNovember, userIdOf } from '../../helpers/assessment.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

interface GradeRow {
  grade: string;
  count: number;
  share: string;
  target: { kind: 'max' | 'min'; percent: number; limit: number; ok: boolean } | null;
}
interface Department {
  department: string;
  departmentId: number;
  distribution: { total: number; ok: boolean; grades: GradeRow[]; rounding: string; checks: string[] };
  previous: { periodKey: string; grades: GradeRow[] } | null;
  reps: { name: string; final: string; finalGrade: string; adjustment: string | null; reason: string | null; previous: { final: string; grade: string } | null }[];
  adjustments: { name: string; points: string; reason: string }[];
}

/**
 * HR's calibration (clock: 1 December 2026; October and November generated, the admin set S ≤ 20%):
 * per department the final grades against the configured curve, each rep beside October, and the
 * manager's adjustment with its reason. Only HR and admins read it.
 */
describe('H5 API: HR calibration view', () => {
  let t: TestApp;
  let hr: WebClient;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    await seedMonth(t.db, { visitsOn: '2026-10-15', wonOn: '2026-10-10', paidOn: '2026-10-20' });
    expect((await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-10' })).statusCode).toBe(200);
    await seedNovember(t.db);
    const adminUser = await devLogin(t.app, 'A001');
    expect((await adminUser.put('/api/admin/distribution-rules', { maxTopPercent: 20 })).statusCode).toBe(200);
    expect((await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' })).statusCode).toBe(200);
    await flush(t.app);
    hr = await devLogin(t.app, 'H001');
  });
  afterEach(async () => t.close());

  const eastOf = (body: { departments: Department[] }) => {
    const east = body.departments.find((d) => d.department === '华东一组');
    expect(east).toBeDefined();
    return east as Department;
  };

  it('shows the distribution against the configured curve, each rep beside last period, and adjustments with reasons', async () => {
    const manager = await devLogin(t.app, 'S100');
    const list = (await manager.get('/api/assessments?period=2026-11')).json().assessments as { id: number; department: string }[];
    const eastId = list.find((a) => a.department === '华东一组')?.id;
    const zhangId = await userIdOf(t.db, 'S101');
    expect((await manager.post(`/api/assessments/${eastId}/adjust`, { repUserId: zhangId, points: '+5', reason: '大客户贡献' })).statusCode).toBe(200);

    const response = await hr.get('/api/calibration?period=2026-11');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { period: string; previousPeriod: string; limits: unknown; departments: Department[]; choices: unknown[] };
    expect(body.period).toBe('2026-11');
    expect(body.previousPeriod).toBe('2026-10');
    expect(body.limits).toEqual({ maxTopPercent: 20, minBottomPercent: 5 });
    expect(body.choices.length).toBe(body.departments.length);

    const east = eastOf(body);
    const { grades, total } = east.distribution;
    expect(grades.map((g) => g.grade)).toEqual(['S', 'A', 'B', 'C', 'D']);
    expect(grades.reduce((sum, g) => sum + g.count, 0)).toBe(total);
    expect(total).toBe(east.reps.length);
    // The curve in force: S at most 20% (small-team rounding: ⌈n × 20%⌉), D at least 5% (⌊n × 5%⌋).
    expect(grades[0]?.target).toEqual({ kind: 'max', percent: 20, limit: Math.ceil((total * 20) / 100), ok: (grades[0]?.count ?? 0) <= Math.ceil((total * 20) / 100) });
    expect(grades[4]?.target).toMatchObject({ kind: 'min', percent: 5, limit: Math.floor((total * 5) / 100) });
    expect(grades.slice(1, 4).every((g) => g.target === null)).toBe(true);
    expect(east.distribution.checks[0]).toMatch(/^S 级 \d+ 人，上限 \d+ 人/);

    // Last period side by side: October's grades for the department and each rep's October result.
    expect(east.previous?.periodKey).toBe('2026-10');
    expect(east.previous?.grades.reduce((sum, g) => sum + g.count, 0)).toBe(total);
    const zhangRow = east.reps.find((r) => r.name === '张三');
    const [october] = await queryRows<{ f: number; g: string }>(
      t.db,
      sql`SELECT r.final_centi AS f, r.final_grade AS g FROM assessment_results r JOIN assessments a ON a.id = r.assessment_id JOIN users u ON u.id = r.user_id WHERE a.period_key = '2026-10' AND u.employee_no = 'S101'`,
    );
    expect(zhangRow?.previous).toEqual({ final: String(october!.f / 100), grade: october!.g });
    expect(zhangRow).toMatchObject({ adjustment: '+5', reason: '大客户贡献' });
    expect(east.adjustments).toEqual([expect.objectContaining({ name: '张三', points: '+5', reason: '大客户贡献' })]);

    // One department only.
    const one = (await hr.get(`/api/calibration?period=2026-11&department=${east.departmentId}`)).json() as { departments: Department[] };
    expect(one.departments.map((d) => d.department)).toEqual(['华东一组']);
  });

  it('a period without a period before it says so; a bad period is a 400', async () => {
    const body = (await hr.get('/api/calibration?period=2026-10')).json() as { departments: Department[] };
    expect(eastOf(body).previous).toBeNull();
    expect(eastOf(body).reps.every((r) => r.previous === null)).toBe(true);
    expect((await hr.get('/api/calibration?period=2026-13')).statusCode).toBe(400);
  });

  it('only HR and admins: a rep or a manager gets 403', async () => {
    for (const employeeNo of ['S101', 'S100']) {
      const refused = await (await devLogin(t.app, employeeNo)).get('/api/calibration?period=2026-11');
      expect(refused.statusCode, employeeNo).toBe(403);
      expect(refused.json().message).toBe('只有 HR 和管理员可以查看考核校准');
    }
    expect((await (await devLogin(t.app, 'A001')).get('/api/calibration?period=2026-11')).statusCode).toBe(200);
  });
});
