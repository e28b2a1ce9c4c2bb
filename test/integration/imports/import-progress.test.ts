import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importHistory } from '../../../src/features/imports/history-import.js';
import { importCustomers } from '../../../src/features/imports/customer-import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { importOrg } from '../../../src/features/org/import.js';
import { seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

const ROWS = 250;
/** Reported at the every-100-steps turns of two passes over 250 rows, then at the end. */
const EXPECTED = [50, 100, 150, 200, 250].map((done) => [done, ROWS]);

/** Imports tell their caller how far they got (issue 20): increasing counts that end at the row count. */
describe('import progress', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2028-03-01T09:00:00+08:00' });
  });
  afterEach(async () => t.close());

  const recorder = () => {
    const calls: [number, number][] = [];
    return { calls, onProgress: (done: number, total: number) => void calls.push([done, total]) };
  };

  it('history import of 250 rows', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    const rows = Array.from({ length: ROWS }, (_, i) => ({ 类型: '拜访', 日期: '2027-03-05', 客户: '华为', 业务员工号: 'S101', 金额: '', 备注: `第${i + 1}次` }));
    const { calls, onProgress } = recorder();
    const result = await importHistory(t.db, readJsonRows(rows), { now: t.clock.now, zone: 'Asia/Shanghai', maxFen: 10_000_000_000, actorUserId: null, source: 'test', onProgress });
    expect(result).toEqual({ ok: true, visits: ROWS, deals: 0, payments: 0 });
    expect(calls).toEqual(EXPECTED);
  });

  it('org import of 250 rows', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({ department: '销售部/测试组', name: `测试${i + 1}`, employee_no: `T${String(i + 1).padStart(4, '0')}`, roles: 'rep' }));
    const { calls, onProgress } = recorder();
    const result = await importOrg(t.db, readJsonRows(rows), { now: t.clock.now, actorUserId: null, source: 'test', onProgress });
    expect(result).toMatchObject({ ok: true, created: ROWS });
    expect(calls).toEqual(EXPECTED);
  });

  it('customer import of 250 rows', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({ 客户名称: `测试客户${i + 1}`, 渠道: '直销', 负责人工号: 'S101' }));
    const { calls, onProgress } = recorder();
    const result = await importCustomers(t.db, readJsonRows(rows), { now: t.clock.now, actorUserId: null, source: 'test', onProgress });
    expect(result).toMatchObject({ ok: true, created: ROWS });
    expect(calls).toEqual(EXPECTED);
  });

  it('a refused file reports no end: the caller sees it stop short', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({ 类型: '拜访', 日期: '2027-03-05', 客户: '没有这个客户', 业务员工号: 'S101', 金额: '', 备注: `${i}` }));
    const { calls, onProgress } = recorder();
    const result = await importHistory(t.db, readJsonRows(rows), { now: t.clock.now, zone: 'Asia/Shanghai', maxFen: 10_000_000_000, actorUserId: null, source: 'test', onProgress });
    expect(result.ok).toBe(false);
    expect(calls).toEqual([[50, ROWS], [100, ROWS]]);
  });
});
