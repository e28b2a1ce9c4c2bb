import { afterEach, describe, expect, it } from 'vitest';
import { createCustomerOwnerRepository } from '../../../src/db/repositories/customer-owner-repository.js';
import { tablesOf } from '../../../src/db/dialect.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { importOrg } from '../../../src/features/org/import.js';
import { returnIdleCustomersToPool } from '../../../src/features/customers/pool.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { auditRows, seedCustomer, userIdOf } from '../../helpers/records.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';

const at = (iso: string) => Date.parse(iso);

describe('the pool (公海): idle customers return to the department, its reps claim them', () => {
  let t: TestApp;
  afterEach(() => t.close());
  const start = async (env: Record<string, string>, now: string) => {
    t = await createTestApp({ env, now });
  };
  const poolOf = async (customerId: number) => (await createCustomerOwnerRepository(t.db).get(customerId))?.poolDepartmentId ?? null;

  it('is off by default (POOL_AFTER_DAYS 0): nothing returns, however idle', async () => {
    await start({}, '2027-06-01T10:00:00+08:00');
    const id = await (await kpiRecords(t.db, 'S101')).customer('2026-01-01T10:00:00+08:00');
    expect(await returnIdleCustomersToPool(t.app.botDeps, t.clock.now)).toEqual({ returned: 0 });
    expect(await poolOf(id)).toBeNull();
  });

  it('returns a customer exactly when its idle days are up, across a month end and 29 Feb', async () => {
    await start({ POOL_AFTER_DAYS: '30' }, '2026-12-01T09:59:59+08:00');
    const zhang = await kpiRecords(t.db, 'S101');
    const november = await zhang.customer('2026-11-01T10:00:00+08:00');
    const leap = await zhang.customer('2028-01-30T10:00:00+08:00');
    const department = (await t.app.botDeps.org.getUser(await userIdOf(t.db, 'S101')))?.departmentId;

    expect((await returnIdleCustomersToPool(t.app.botDeps, at('2026-12-01T09:59:59+08:00'))).returned).toBe(0);
    expect((await returnIdleCustomersToPool(t.app.botDeps, at('2026-12-01T10:00:01+08:00'))).returned).toBe(1);
    expect(await poolOf(november)).toBe(department);
    expect(await poolOf(leap)).toBeNull();

    expect((await returnIdleCustomersToPool(t.app.botDeps, at('2028-02-29T09:59:59+08:00'))).returned).toBe(0);
    expect((await returnIdleCustomersToPool(t.app.botDeps, at('2028-02-29T10:00:01+08:00'))).returned).toBe(1);
    expect(await poolOf(leap)).toBe(department);
    const history = await createCustomerOwnerRepository(t.db).history(november);
    expect(history.map((h) => [h.reason, h.ownerUserId === null, h.departmentId])).toEqual([
      ['created', false, null],
      ['pool', true, department],
    ]);
    expect((await auditRows(t.db, 'customer')).filter((r) => r.action === 'customer.pool' && r.source === 'job')).toHaveLength(2);
  });

  it('a recorded visit keeps a customer out of the pool', async () => {
    await start({ POOL_AFTER_DAYS: '30' }, '2026-12-31T10:00:00+08:00');
    const zhang = await kpiRecords(t.db, 'S101');
    const id = await zhang.customer('2026-10-01T10:00:00+08:00');
    const visitedAt = at('2026-12-15T10:00:00+08:00');
    await t.db.insert(tablesOf(t.db).visits).values({ repUserId: await userIdOf(t.db, 'S101'), customerId: id, visitDate: '2026-12-15', kind: 'onsite', source: 'chat', createdAt: visitedAt, updatedAt: visitedAt });
    expect((await returnIdleCustomersToPool(t.app.botDeps, t.clock.now)).returned).toBe(0);
  });

  it('a rep of the department claims under the limit; beyond it, and from another department, is refused', async () => {
    await start({ POOL_AFTER_DAYS: '30', POOL_CLAIM_LIMIT: '1' }, '2027-01-05T10:00:00+08:00');
    const first = (await seedCustomer(t.db, { name: '华为技术有限公司', aliases: ['华为'], owner: 'S101' })).id;
    const second = (await seedCustomer(t.db, { name: '腾讯科技', owner: 'S101' })).id;
    expect((await returnIdleCustomersToPool(t.app.botDeps, t.clock.now)).returned).toBe(2);
    const names = ['华为', '腾讯科技'];

    const [refused] = await sandboxChat(t.app, 'S201').say(`认领 ${names[0]}`);
    expect(replyText(refused!)).toContain('只有该部门的销售可以认领');
    expect(await poolOf(first)).not.toBeNull();

    const [claimed] = await sandboxChat(t.app, 'S102').say(`认领 ${names[0]}`);
    expect(replyText(claimed!)).toContain('现在由你负责（已认领 1/1）');
    const li = await userIdOf(t.db, 'S102');
    expect(await createCustomerOwnerRepository(t.db).get(first)).toMatchObject({ ownerUserId: li, poolDepartmentId: null });

    // Typed in English, refused in English.
    const [limit] = await sandboxChat(t.app, 'S102').say(`/claim ${names[1]}`);
    expect(replyText(limit!)).toContain('the limit of 1: you cannot claim more');
    expect(await poolOf(second)).not.toBeNull();
    expect((await auditRows(t.db, 'customer')).filter((r) => r.action === 'customer.claim')).toHaveLength(1);
  });

  it('a customer someone owns cannot be claimed', async () => {
    await start({ POOL_AFTER_DAYS: '30' }, '2026-11-05T10:00:00+08:00');
    await seedCustomer(t.db, { name: '腾讯科技', owner: 'S102' });
    const [mine] = await sandboxChat(t.app, 'S102').say('认领 腾讯科技');
    expect(replyText(mine!)).toContain('不在公海里');
    const [hidden] = await sandboxChat(t.app, 'S103').say('认领 腾讯科技');
    expect(replyText(hidden!)).toContain('找不到客户');
  });

  it('the daily customer-pool job returns idle customers and puts a CLI-imported leaver\'s customers in front of the manager, once', async () => {
    await start({ POOL_AFTER_DAYS: '30' }, '2027-01-05T06:15:00+08:00');
    const idle = await (await kpiRecords(t.db, 'S102')).customer('2026-10-01T10:00:00+08:00');
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101' });
    const left = await importOrg(t.db, readJsonRows([{ department: '销售部/华东一组', name: '张三', employee_no: 'S101', roles: 'rep', active: '离职' }]), { now: t.clock.now, actorUserId: null, source: 'cli' });
    expect(left.ok).toBe(true);
    const run = async () => {
      const response = await t.app.inject({ method: 'POST', url: '/admin/jobs/customer-pool/run', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { force: true } });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { result: { sent: number; details: Record<string, number> } }).result;
    };
    expect(await run()).toMatchObject({ sent: 1, details: { returnedToPool: 1, leavers: 1 } });
    expect(await poolOf(idle)).not.toBeNull();
    const manager = await userIdOf(t.db, 'S100');
    const cards = (await t.db.select().from(tablesOf(t.db).outbox)).filter((m) => m.idempotencyKey.startsWith('leaver-handover:') && m.idempotencyKey.endsWith(`to-${manager}`));
    expect(cards).toHaveLength(1);
    // A second (forced) run finds the same leaver: the outbox key holds, the card is not sent twice.
    expect(await run()).toMatchObject({ sent: 0, details: { returnedToPool: 0, leavers: 1 } });
  });
});

