import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDashboardRepository } from '../../../src/db/repositories/dashboard-repository.js';
import { createKpiMeasuresRepository } from '../../../src/db/repositories/kpi-measures-repository.js';
import { createCustomerOwnerRepository } from '../../../src/db/repositories/customer-owner-repository.js';
import { eq } from 'drizzle-orm';
import { tablesOf } from '../../../src/db/dialect.js';
import { parsePeriodKey } from '../../../src/domain/period.js';
import { auditRows, seedCustomer, userIdOf } from '../../helpers/records.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

// The 1st of a month: the handover is this month, the customer's creation last month.
const NOW = '2026-12-01T09:30:00+08:00';

describe('转交: a customer changes hands, its history stays', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: NOW });
  });
  afterEach(() => t.close());

  it('a manager of both reps hands a customer over with its open deals; last month\'s credit stays with the old owner', async () => {
    const customer = await seedCustomer(t.db, { name: '华为技术有限公司', aliases: ['华为'], owner: 'S101' });
    const zhang = await userIdOf(t.db, 'S101');
    const li = await userIdOf(t.db, 'S102');
    const records = await kpiRecords(t.db, 'S101');
    const open = await records.deal(customer.id, 500_000, 'proposal');
    const won = await records.deal(customer.id, 900_000, 'won', '2026-11-20');
    const november = parsePeriodKey('2026-11') as NonNullable<ReturnType<typeof parsePeriodKey>>;
    const measures = createKpiMeasuresRepository(t.db);
    const creditBefore = (await measures.measuresForPeriod(november)).get(zhang)?.newCustomers;

    const [reply] = await sandboxChat(t.app, 'S100').say('转交 华为 给 李四');
    expect(replyText(reply!)).toContain('已将「华为技术有限公司」从 张三 转交给 李四');

    const { deals, outbox } = tablesOf(t.db);
    const repOf = async (id: number) => (await t.db.select().from(deals).where(eq(deals.id, id)))[0]?.repUserId;
    expect(await repOf(open)).toBe(li);
    expect(await repOf(won)).toBe(zhang);
    expect(creditBefore).toBe(1);
    expect((await measures.measuresForPeriod(november)).get(zhang)?.newCustomers).toBe(1);
    expect((await measures.measuresForPeriod(november)).get(li)?.newCustomers ?? 0).toBe(0);
    // The one-rep query (the /kpi card) reads the same history, and so does the H5 dashboard.
    expect((await measures.measuresForPeriod(november, new Set([zhang]))).get(zhang)?.newCustomers).toBe(1);
    const dashboardNew = async (userId: number) =>
      (await createDashboardRepository(t.db).salesChannelBreakdown({ kind: 'users', userIds: new Set([userId]) }, { from: november.startDate, to: november.endDate }, november)).reduce((n, r) => n + r.newCustomers, 0);
    expect([await dashboardNew(zhang), await dashboardNew(li)]).toEqual([1, 0]);

    const history = await createCustomerOwnerRepository(t.db).history(customer.id);
    expect(history.map((h) => [h.ownerUserId, h.reason, h.toMs === null])).toEqual([
      [zhang, 'created', false],
      [li, 'handover', true],
    ]);
    const audit = (await auditRows(t.db, 'customer')).filter((r) => r.action === 'customer.handover');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.source).toBe('sandbox');
    const keys = (await t.db.select().from(outbox)).map((m) => m.idempotencyKey).filter((k) => k.startsWith('handover:'));
    expect(keys.sort()).toEqual([`handover:${customer.id}:${t.clock.now}:from`, `handover:${customer.id}:${t.clock.now}:to`]);
  });

  it('English works the same, the person by employee number: /handover 华为 to S102', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', aliases: ['华为'], owner: 'S101' });
    const [reply] = await sandboxChat(t.app, 'S100').say('/handover 华为 to S102');
    expect(replyText(reply!)).toContain('李四');
    expect((await createCustomerOwnerRepository(t.db).ownedBy(await userIdOf(t.db, 'S102'))).map((c) => c.name)).toEqual(['华为技术有限公司']);
  });

  it('an open next step follows the customer: the new owner lists and finishes it, the old owner no longer sees it', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', aliases: ['华为'], owner: 'S101' });
    await sandboxChat(t.app, 'S101').say('拜访 华为 聊了预算 下一步 12-31 发报价单');
    await sandboxChat(t.app, 'S100').say('转交 华为 给 李四');
    expect(replyText((await sandboxChat(t.app, 'S101').say('待办'))[0]!)).toContain('没有未完成的下一步');
    const newOwnerList = replyText((await sandboxChat(t.app, 'S102').say('待办'))[0]!);
    expect(newOwnerList).toContain('华为技术有限公司');
    expect(newOwnerList).toContain('发报价单');
    const id = /#(\d+)/.exec(newOwnerList)?.[1];
    expect(replyText((await sandboxChat(t.app, 'S102').say(`完成 ${id}`))[0]!)).toContain('已完成：华为技术有限公司 · ');
  });

  it('a rep is refused with the permission error, and nothing moves', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', aliases: ['华为'], owner: 'S101' });
    const [reply] = await sandboxChat(t.app, 'S101').say('转交 华为 给 李四');
    expect(replyText(reply!)).toContain('只有经理或管理员可以转交客户');
    expect(await createCustomerOwnerRepository(t.db).ownedBy(await userIdOf(t.db, 'S101'))).toHaveLength(1);
    expect((await auditRows(t.db, 'customer')).filter((r) => r.action === 'customer.handover')).toHaveLength(0);
  });

  it('a manager of another team is refused', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', aliases: ['华为'], owner: 'S101' });
    const [reply] = await sandboxChat(t.app, 'S200').say('转交 华为 给 刘洋');
    expect(replyText(reply!)).toContain('只能在你管理的团队内转交客户');
  });
});
