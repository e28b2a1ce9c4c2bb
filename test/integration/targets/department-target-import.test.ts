import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { writeXlsx } from '../../../src/features/imports/tabular.js';
import { seedNovember } from '../../helpers/assessment.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The target spreadsheet's 部门 column: department and company targets, split to reps when asked (clock: 27 Nov 2026). */
describe('target import: department rows', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedNovember(t.db);
  });
  afterEach(async () => t.close());

  const upload = async (rows: string[][]) =>
    t.app.inject({ method: 'POST', url: '/admin/kpi/targets/import', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': XLSX }, payload: await writeXlsx('targets', ['部门', '工号', '周期', '指标', '目标', '拆分'], rows) });
  async function orgTargets() {
    const { kpiOrgTargets } = tablesOf(t.db);
    return t.db.select({ scope: kpiOrgTargets.scopeKey, line: kpiOrgTargets.lineKey, target: kpiOrgTargets.target }).from(kpiOrgTargets).orderBy(kpiOrgTargets.id);
  }

  it('stores department targets in fen from 元, splits one evenly, and takes rep rows in the same file', async () => {
    const res = await upload([
      ['公司', '', '2026-12', 'payments', '50万', ''],
      ['销售部/华南二组', '', '2026-12', 'payments', '120,000.01', '平均'],
      ['', 'S101', '2026-12', 'visits', '45', ''],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, imported: 3 });
    const { departments, kpiTargetOverrides: overrides } = tablesOf(t.db);
    const [{ id: south }] = (await t.db.select({ id: departments.id }).from(departments).where(eq(departments.path, '销售部/华南二组'))) as [{ id: number }];
    expect(await orgTargets()).toEqual([
      { scope: 'company', line: 'payments', target: 50_000_000 },
      { scope: `department:${south}`, line: 'payments', target: 12_000_001 },
    ]);
    // Six reps in 华南二组 (the manager is a rep too): 2,000,000.1666… fen each; the one fen left goes to the first.
    const split = await t.db
      .select({ target: overrides.target })
      .from(overrides)
      .where(and(eq(overrides.periodKey, '2026-12'), eq(overrides.lineKey, 'payments')))
      .orderBy(overrides.userId);
    expect(split.map((r) => r.target)).toEqual([2_000_001, 2_000_000, 2_000_000, 2_000_000, 2_000_000, 2_000_000]);
    expect(await t.db.select({ target: overrides.target }).from(overrides).where(eq(overrides.lineKey, 'visits'))).toEqual([{ target: 45 }]);
  });

  it('refuses the whole file when a department row is wrong, rep rows included', async () => {
    const res = await upload([
      ['销售部/不存在', '', '2026-12', 'payments', '1', ''],
      ['销售部/华东一组', '', '2026-12', 'conversion', '1', '平均'],
      ['销售部/华东一组', '', '2026-12', 'payments', '1', '随便'],
      ['', 'S101', '2026-12', 'visits', '45', ''],
    ]);
    expect(res.statusCode).toBe(422);
    expect((res.json() as { errors: { row: number; field: string }[] }).errors.map((e) => [e.row, e.field])).toEqual([
      [2, '部门'],
      [3, '部门'],
      [4, '拆分'],
    ]);
    expect(await orgTargets()).toEqual([]);
    expect(await t.db.select({ n: count() }).from(tablesOf(t.db).kpiTargetOverrides)).toEqual([{ n: 0 }]);
  });
});
