import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCustomers } from '../../../src/features/imports/customer-import.js';
import { importOrg } from '../../../src/features/org/import.js';
import { YIELD_EVERY_ROWS } from '../../../src/features/imports/yield.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

/**
 * A big import runs in one transaction (all or nothing) but must not hold the event loop: between
 * batches of rows, timers, sockets and other requests get their turn. Checked by order, not by time:
 * a setImmediate queued when the import starts runs before the import has finished.
 */
describe('imports hand the event loop back between batches', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  async function withQueuedTurn<T>(work: () => Promise<T>): Promise<{ result: T; turnDuringImport: boolean }> {
    let turned = false;
    let done = false;
    setImmediate(() => {
      turned = !done;
    });
    const result = await work();
    done = true;
    return { result, turnDuringImport: turned };
  }

  it('a customer import of several batches lets a queued callback run before it commits', async () => {
    const rows = Array.from({ length: YIELD_EVERY_ROWS * 3 }, (_, i) => ({
      rowNumber: i + 2,
      record: { 客户名称: `批量客户${i}有限公司`, 渠道: '直销', 地区: '上海', 行业: '', 标签: '', 别名: '', 负责人工号: 'S101', 联系人: '', 职务: '', 电话: '' },
    }));
    const { result, turnDuringImport } = await withQueuedTurn(() => importCustomers(t.db, rows, { now: t.clock.now, actorUserId: null, source: 'test' }));
    expect(result).toMatchObject({ ok: true, created: rows.length });
    expect(turnDuringImport).toBe(true);
  });

  it('an org import of several batches does too', async () => {
    const rows = Array.from({ length: YIELD_EVERY_ROWS * 2 }, (_, i) => ({
      rowNumber: i + 2,
      record: { 部门: '销售部/批量组', 姓名: `员工${i}`, 工号: `B${String(i).padStart(4, '0')}`, 角色: '销售' },
    }));
    const { result, turnDuringImport } = await withQueuedTurn(() => importOrg(t.db, rows, { now: t.clock.now, actorUserId: null, source: 'test' }));
    expect(result).toMatchObject({ ok: true });
    expect(turnDuringImport).toBe(true);
  });
});
