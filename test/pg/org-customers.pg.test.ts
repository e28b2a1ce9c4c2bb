import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/client.js';
import { tablesOf } from '../../src/db/dialect.js';
import { createCustomerOwnerRepository } from '../../src/db/repositories/customer-owner-repository.js';
import { createCustomerRepository } from '../../src/db/repositories/customer-repository.js';
import { createHistoryLookup } from '../../src/db/repositories/history-lookup.js';
import { createOrgDirectoryRepository } from '../../src/db/repositories/org-directory-repository.js';
import { createOrgRepository } from '../../src/db/repositories/org-repository.js';
import { createRecentCustomerRepository } from '../../src/db/repositories/recent-customers.js';
import { createSalesChannelRepository, ensureDefaultSalesChannels } from '../../src/db/repositories/sales-channel-repository.js';
import type { ActingUser } from '../../src/domain/org/acting-user.js';
import type { Actor } from '../../src/features/actor.js';
import { claimCustomer, returnIdleCustomersToPool } from '../../src/features/customers/pool.js';
import type { AppDeps } from '../../src/features/deps.js';
import { importCustomers } from '../../src/features/imports/customer-import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { importOrg } from '../../src/features/org/import.js';
import { addSalesChannel, listSalesChannels, renameSalesChannel, setSalesChannelActive } from '../../src/features/sales-channels/admin.js';
import { seedDemoCustomers } from '../../src/seed/demo-customers.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { createTestDb } from '../helpers/test-app.js';
import { openFreshPgDb } from './app-db.js';

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
const DAY = 24 * 60 * 60 * 1000;

/**
 * The org and customer repositories driven the way the app drives them (org import, the demo
 * customers seed, the customer import, sales channel admin, the pool and claims, data scopes), on a
 * given database. Returns what the features answered, as plain values, for both databases to match.
 */
async function orgAndCustomersScenario(db: Db) {
  const imported = await importOrg(db, readJsonRows(DEMO_ORG_ROWS), { now: NOW, actorUserId: null, source: 'cli' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const org = createOrgRepository(db);
  const user = async (employeeNo: string) => (await org.getUserByEmployeeNo(employeeNo)) as ActingUser;
  const actorOf = async (employeeNo: string, now = NOW): Promise<Actor> => {
    const u = await user(employeeNo);
    return { user: u, scope: await org.dataScopeOf(u), locale: 'zh', source: 'h5', now };
  };
  const [admin, manager, rep, otherRep, leaver] = (await Promise.all(['A001', 'S100', 'S101', 'S102', 'S201'].map(user))) as [ActingUser, ActingUser, ActingUser, ActingUser, ActingUser];

  await ensureDefaultSalesChannels(db, NOW); // the seed runs it again: nothing doubles
  const seeded = await seedDemoCustomers(db, NOW);
  const customers = createCustomerRepository(db);
  const nameOf = async (typed: string) => (await customers.findByName(typed))?.name ?? null;

  // The customer import: new rows land, a known name (typed in another case and width) is matched, a taken alias refuses the file.
  const importRows = [
    { 客户名称: 'apple 上海分公司', 渠道: 'ONLINE', 别名: '苹果上海', 负责人工号: 'S101', 联系人: '苹经理' },
    { 客户名称: 'Banana Trading', 渠道: '直销', 负责人工号: 'S101' },
    { 客户名称: 'ＢＹＤ', 渠道: '展会', 负责人工号: 'S102' },
  ];
  const refusedImport = await importCustomers(db, readJsonRows([...importRows, { 客户名称: '新客户', 渠道: '直销', 别名: '华为', 负责人工号: 'S101' }]), { now: NOW, actorUserId: admin.id, source: 'import' });
  const customerImport = await importCustomers(db, readJsonRows(importRows), { now: NOW + 1, actorUserId: admin.id, source: 'import' });

  // Sales channel admin through the feature functions.
  const adminActor = await actorOf('A001');
  const addedChannel = await addSalesChannel({ db }, adminActor, { name: '招投标' });
  const takenChannel = await addSalesChannel({ db }, adminActor, { name: 'DIRECT' });
  const channelId = addedChannel.ok ? addedChannel.salesChannel.id : 0;
  const renamedChannel = await renameSalesChannel({ db }, adminActor, { id: channelId, name: '政府招标' });
  const onlineId = (await createSalesChannelRepository(db).findByWord('线上'))?.id ?? 0;
  await setSalesChannelActive({ db }, adminActor, { id: onlineId, active: false });
  const channelRows = (await listSalesChannels({ db }, adminActor)).map((c) => [c.name, c.active, c.customers, c.aliases.join('|')]);
  const typedOnlineAfterDeactivation = (await createSalesChannelRepository(db).findByWord('online'))?.name ?? null;
  const typedRenamed = (await createSalesChannelRepository(db).findByWord('招投标'))?.name ?? null;

  // Data scope: a rep sees their own customers, their manager the team's, the admin everyone's.
  const scopedNames = async (u: ActingUser) => (await customers.listInScope(await org.dataScopeOf(u))).map((c) => c.name);
  const scopes = { rep: await scopedNames(rep), manager: await scopedNames(manager), admin: (await scopedNames(admin)).length };

  // A visit keeps one customer of the rep active; a won deal on another (one with no date yet, the later entry).
  const { deals, visits } = tablesOf(db);
  const xiaomi = (await customers.findByName('小米')) ?? fail('小米');
  const huawei = (await customers.findByName('华为')) ?? fail('华为');
  const visitAt = NOW + 20 * DAY;
  await db.insert(visits).values({ repUserId: rep.id, customerId: xiaomi.id, visitDate: '2026-12-17', kind: 'onsite', source: 'chat', createdAt: visitAt, updatedAt: visitAt });
  const dealRow = (stage: 'won' | 'negotiation', wonOn: string | null) => ({ customerId: huawei.id, repUserId: rep.id, amountFen: 5_000_000, stage, wonOn, source: 'chat' as const, createdAt: NOW, updatedAt: NOW });
  await db.insert(deals).values([dealRow('won', '2026-11-20'), dealRow('won', null), dealRow('negotiation', null)]);
  const wonDeal = await createHistoryLookup(db).wonDealOf(huawei.id, rep.id);
  const datedWonDealId = (await db.select({ id: deals.id, wonOn: deals.wonOn }).from(deals)).find((d) => d.wonOn === '2026-11-20')?.id;

  // The pool: after 30 idle days everything but the visited customer goes back to the owner's department.
  const deps = { db, config: { pool: { afterDays: 30, claimLimit: 1 } } } as unknown as AppDeps;
  const later = NOW + 40 * DAY;
  const pooled = await returnIdleCustomersToPool(deps, later);
  const owners = createCustomerOwnerRepository(db);
  const claimed = await claimCustomer(deps, await actorOf('S102', later + 1), { customer: '华为' });
  const overLimit = await claimCustomer(deps, await actorOf('S102', later + 2), { customer: 'BYD' }).catch((e: Error) => e.message);
  const otherDepartment = await claimCustomer(deps, await actorOf('S201', later + 3), { customer: '苹果上海' }).catch((e: Error) => e.message);

  // A leaver still holding customers: one customer handed to them, then they are deactivated.
  const tencent = (await customers.findByName('腾讯')) ?? fail('腾讯');
  await owners.transfer({ userId: admin.id, source: 'admin-api', now: later + 4 }, tencent.id, { ownerUserId: leaver.id }, 'handover');
  await inTransaction(db, () => createOrgDirectoryRepository(db).deactivate(leaver.id, later + 5));

  return {
    seeded,
    refusedImport,
    customerImport,
    found: { byAlias: await nameOf('华为'), lowerCase: await nameOf('byd'), fullWidth: await nameOf('ＡＰＰＬＥ　上海分公司'), newAlias: await nameOf('苹果上海'), missing: await nameOf('华') },
    channels: { added: addedChannel.ok, taken: takenChannel, renamed: renamedChannel.ok && renamedChannel.salesChannel.aliases, rows: channelRows, typedOnlineAfterDeactivation, typedRenamed },
    scopes,
    wonDealIsTheDatedOne: wonDeal === datedWonDealId,
    pooled,
    claimed,
    overLimit,
    otherDepartment,
    openClaims: await owners.openClaims(otherRep.id),
    huaweiHistory: (await owners.history(huawei.id)).map((h) => [h.reason, h.ownerUserId, h.departmentId, h.toMs === null]),
    huaweiDealsNowWith: (await db.select({ rep: deals.repUserId, stage: deals.stage }).from(deals).orderBy(deals.id)).map((d) => `${d.stage}:${d.rep}`),
    repHolds: (await owners.ownedBy(rep.id)).map((c) => c.name),
    repPicks: (await createRecentCustomerRepository(db).ownedBy(rep.id, 10)).map((c) => c.name),
    lastVisited: (await createRecentCustomerRepository(db).lastVisitedBy(rep.id, 5)).map((c) => c.name),
    leavers: (await owners.leaversWithCustomers()).map((l) => [l.userId === leaver.id, l.deactivatedAt]),
    team: [...(await org.teamOf(manager.id))].length,
    managerOfRep: (await org.managerOf(rep.id)) === manager.id,
    activeSince: await org.activeSince(),
    activeUsers: (await org.listUsers({ activeOnly: true })).map((u) => `${u.employeeNo}:${u.roles.join(',')}`),
    audit: (await db.select({ action: tablesOf(db).auditLog.action }).from(tablesOf(db).auditLog)).map((r) => r.action).filter((a) => a.startsWith('customer') || a.startsWith('sales_channel')).sort(),
  };
}

function fail(name: string): never {
  throw new Error(`customer ${name} not found`);
}

describe('org and customers on PostgreSQL and SQLite', () => {
  let pg: Awaited<ReturnType<typeof openFreshPgDb>>;
  let sqlite: ReturnType<typeof createTestDb>;
  let onPg: Awaited<ReturnType<typeof orgAndCustomersScenario>>;
  let onSqlite: Awaited<ReturnType<typeof orgAndCustomersScenario>>;
  beforeAll(async () => {
    pg = await openFreshPgDb('org_customers');
    sqlite = createTestDb();
    onPg = await orgAndCustomersScenario(pg.db);
    onSqlite = await orgAndCustomersScenario(sqlite.db);
  });
  afterAll(async () => {
    await pg.close();
    sqlite.cleanup();
  });

  it('imports the demo org and customers; a duplicate name is matched, a taken alias refuses the file', () => {
    expect(onPg.seeded).toBe(5);
    expect(onPg.refusedImport).toMatchObject({ ok: false, errors: [{ rowNumber: expect.any(Number), field: 'aliases' }] });
    expect(onPg.customerImport).toMatchObject({ ok: true, created: 2, contacts: 1, existing: [{ name: 'BYD', existingName: '比亚迪股份有限公司' }] });
    expect(onPg.found).toEqual({ byAlias: '华为技术有限公司', lowerCase: '比亚迪股份有限公司', fullWidth: 'apple 上海分公司', newAlias: 'apple 上海分公司', missing: null });
  });

  it('manages sales channels: a clash is refused in any case, a rename keeps the old name as an alias, counts are numbers', () => {
    expect(onPg.channels.added).toBe(true);
    expect(onPg.channels.taken).toEqual({ ok: false, problem: 'name-taken' });
    expect(onPg.channels.renamed).toEqual(['招投标']);
    expect(onPg.channels.rows).toContainEqual(['直销', true, 2, 'direct|自营']);
    expect(onPg.channels.rows).toContainEqual(['线上', false, 2, 'online|网络|电商|官网']);
    expect(onPg.channels.typedOnlineAfterDeactivation).toBeNull();
    expect(onPg.channels.typedRenamed).toBe('政府招标');
  });

  it('scopes a rep to their customers and a manager to the team; a won deal with no date yet is not the latest', () => {
    expect(onPg.scopes.rep).toEqual(['华为技术有限公司', '小米科技有限责任公司', 'apple 上海分公司', 'Banana Trading']);
    expect(onPg.scopes.manager).toHaveLength(5);
    expect(onPg.scopes.admin).toBe(7);
    expect(onPg.team).toBe(5);
    expect(onPg.managerOfRep).toBe(true);
    expect(onPg.activeSince).toBe(NOW);
    expect(onPg.wonDealIsTheDatedOne).toBe(true);
  });

  it('returns idle customers to the pool, lets a rep of the department claim one up to the limit, and lists leavers', () => {
    expect(onPg.pooled).toEqual({ returned: 6 });
    expect(onPg.claimed).toEqual({ customer: '华为技术有限公司', claims: 1, limit: 1 });
    expect(onPg.overLimit).toMatch(/limit/);
    expect(onPg.otherDepartment).toMatch(/otherDepartment/);
    expect(onPg.openClaims).toBe(1);
    expect(onPg.huaweiHistory.map(([reason, , , open]) => [reason, open])).toEqual([
      ['created', false],
      ['pool', false],
      ['claim', true],
    ]);
    expect(onPg.huaweiDealsNowWith.filter((d) => d.startsWith('negotiation'))).toHaveLength(1);
    expect(onPg.repHolds).toEqual(['小米科技有限责任公司']);
    expect(onPg.repPicks).toEqual(['Banana Trading', 'apple 上海分公司', '小米科技有限责任公司']);
    expect(onPg.lastVisited).toEqual(['小米科技有限责任公司']);
    expect(onPg.leavers).toEqual([[true, NOW + 40 * DAY + 5]]);
  });

  it('answers exactly as SQLite does', () => {
    expect(onPg).toEqual(onSqlite);
  });
});
