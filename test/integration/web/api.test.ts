import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { auditRows, userIdOf } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

/**
 * The /api routes as the page calls them, for each role: a rep sees their own, a manager their
 * team, HR everyone; team pages are closed to reps. Clock: Friday 2026-11-27 (week 2026-W48).
 */
describe('H5 API: scorecards, trends and team views', () => {
  let t: TestApp;
  let zhang: Awaited<ReturnType<typeof kpiRecords>>;
  let liu: Awaited<ReturnType<typeof kpiRecords>>;

  beforeEach(async () => {
    t = await createTestApp();
    zhang = await kpiRecords(t.db, 'S101');
    const c1 = await zhang.customer('2026-11-03T10:00:00+08:00', 'direct');
    const c2 = await zhang.customer('2026-10-01T10:00:00+08:00', 'distributor');
    await zhang.visits([c1], 3, '2026-11-25', 'located');
    await zhang.visits([c2], 2, '2026-11-18', 'located');
    const won = await zhang.deal(c1, 5_000_000, 'won', '2026-11-24');
    const { deals, salesChannels } = tablesOf(t.db);
    const [direct] = await t.db.select({ id: salesChannels.id }).from(salesChannels).where(eq(salesChannels.code, 'direct'));
    await t.db.update(deals).set({ salesChannelId: direct!.id }).where(eq(deals.id, won));
    await zhang.deal(c2, 2_000_000, 'proposal');
    await zhang.payment(won, c1, 3_000_000, '2026-11-26');
    liu = await kpiRecords(t.db, 'S201');
    const c3 = await liu.customer('2026-11-05T10:00:00+08:00', 'direct');
    await liu.visits([c3], 7, '2026-11-25', 'located');
    await liu.deal(c3, 9_000_000, 'won', '2026-11-20');
  });
  afterEach(async () => t.close());

  it('a rep reads their own scorecard with every line explained, and no one else’s', async () => {
    const rep = await devLogin(t.app, 'S101');
    const answer = await rep.get('/api/scorecard?period=month');
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body.period).toMatchObject({ key: '2026-11', from: '2026-11-01', to: '2026-11-30', inProgress: true });
    expect(body.scorecard.name).toBe('张三');
    expect(body.scorecard.lines.length).toBeGreaterThan(2);
    for (const line of body.scorecard.lines) expect(line.explanation).toContain(line.name);
    expect(body.scorecard.totalExplanation).toMatch(/总分|未/);
    // The visits line counts the 5 visits of November.
    expect(body.scorecard.lines.find((l: { id: string; actual: string }) => /visit/.test(l.id))?.actual).toMatch(/^5/);

    expect((await rep.get(`/api/scorecard?userId=${liu.userId}`)).statusCode).toBe(403);
    const teammate = await rep.get(`/api/scorecard?userId=${await userIdOf(t.db, 'S102')}`);
    expect(teammate.statusCode).toBe(403);
    expect(teammate.json().message).toBe('你无权查看或修改这条数据');
    const week = (await rep.get('/api/scorecard?period=week')).json();
    expect(week.period.key).toBe('2026-W48');
    const bad = await rep.get('/api/scorecard?period=someday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('someday');
  });

  it('a manager reads their team’s scorecards, not another team’s; HR reads all', async () => {
    const manager = await devLogin(t.app, 'S100');
    expect((await manager.get(`/api/scorecard?userId=${zhang.userId}`)).json().scorecard.name).toBe('张三');
    expect((await manager.get(`/api/scorecard?userId=${liu.userId}`)).statusCode).toBe(403);
    const hr = await devLogin(t.app, 'H001');
    expect((await hr.get(`/api/scorecard?userId=${liu.userId}&period=quarter`)).json()).toMatchObject({ period: { key: '2026-Q4' }, scorecard: { name: '刘洋' } });
  });

  it('the trend has one point per week with visits, won revenue and payments', async () => {
    const rep = await devLogin(t.app, 'S101');
    const weeks = (await rep.get('/api/trend?weeks=3')).json().weeks;
    expect(weeks.map((w: { key: string }) => w.key)).toEqual(['2026-W46', '2026-W47', '2026-W48']);
    expect(weeks[1]).toMatchObject({ visits: 2, wonFen: 0, paidFen: 0 });
    expect(weeks[2]).toMatchObject({ visits: 3, wonFen: 5_000_000, paidFen: 3_000_000 });
    expect((await rep.get('/api/trend?team=1')).statusCode).toBe(403);
    expect((await rep.get(`/api/trend?userId=${liu.userId}`)).statusCode).toBe(403);
    expect((await rep.get('/api/trend?weeks=99')).statusCode).toBe(400);
    const manager = await devLogin(t.app, 'S100');
    const team = (await manager.get('/api/trend?weeks=2&team=1')).json().weeks;
    // Only 华东一组: 刘洋's 7 visits in W48 are another team's.
    expect(team[1]).toMatchObject({ key: '2026-W48', visits: 3 });
  });

  it('team ranking, channels and funnel are for managers (their team) and HR (everyone), not reps', async () => {
    const rep = await devLogin(t.app, 'S101');
    for (const path of ['/api/team/ranking', '/api/team/channels', '/api/team/funnel', '/api/team/members']) {
      const refused = await rep.get(path);
      expect(refused.statusCode, path).toBe(403);
      expect(refused.json().message).toBe('这个页面只对经理、HR、管理员开放');
    }
    const manager = await devLogin(t.app, 'S100');
    const ranking = (await manager.get('/api/team/ranking?period=month')).json();
    const names = ranking.reps.map((r: { name: string }) => r.name);
    expect(names).toContain('张三');
    expect(names).not.toContain('刘洋');
    expect(ranking.reps[0]).toMatchObject({ rank: 1, name: '张三' });

    const channels = (await manager.get('/api/team/channels?period=month')).json().salesChannels;
    const direct = channels.find((c: { salesChannelName: string }) => c.salesChannelName === '直销');
    expect(direct).toMatchObject({ visits: 3, newCustomers: 1, wonDeals: 1, wonFen: 5_000_000, conversion: 1 });

    const funnel = (await manager.get('/api/team/funnel?period=month')).json().stages;
    expect(funnel.find((s: { stage: string }) => s.stage === 'proposal')).toEqual({ stage: 'proposal', deals: 1, amountFen: 2_000_000 });
    expect(funnel.find((s: { stage: string }) => s.stage === 'won')).toEqual({ stage: 'won', deals: 1, amountFen: 5_000_000 });

    const hr = await devLogin(t.app, 'H001');
    const all = (await hr.get('/api/team/ranking')).json().reps.map((r: { name: string }) => r.name);
    expect(all).toEqual(expect.arrayContaining(['张三', '刘洋']));
    expect((await hr.get('/api/team/funnel')).json().stages.find((s: { stage: string }) => s.stage === 'won').deals).toBe(2);
  });

  it('completeness gaps: mine, or a visible rep’s; never another team’s', async () => {
    const rep = await devLogin(t.app, 'S101');
    const mine = (await rep.get('/api/completeness')).json();
    expect(mine.userId).toBe(zhang.userId);
    // The seeded customers have no region or industry: both are listed as missing.
    expect(mine.parts.customer.missing[0].fields).toEqual(expect.arrayContaining(['region', 'industry']));
    expect(mine.share).toBeLessThan(1);
    expect((await rep.get(`/api/completeness?userId=${liu.userId}`)).statusCode).toBe(403);
  });
});

describe('H5 API: records lists and entry', () => {
  let t: TestApp;
  let zhangCustomer: number;
  let liuCustomer: number;
  let liuVisit: number;

  beforeEach(async () => {
    t = await createTestApp();
    const zhang = await kpiRecords(t.db, 'S101');
    zhangCustomer = await zhang.customer('2026-11-03T10:00:00+08:00', 'direct');
    await zhang.customer('2026-11-04T10:00:00+08:00', 'distributor');
    const { customers } = tablesOf(t.db);
    await t.db.update(customers).set({ tags: ['重点'] }).where(eq(customers.id, zhangCustomer));
    await zhang.visits([zhangCustomer], 1, '2026-11-20');
    await zhang.deal(zhangCustomer, 1_000_000, 'proposal');
    const liu = await kpiRecords(t.db, 'S201');
    liuCustomer = await liu.customer('2026-11-05T10:00:00+08:00', 'direct');
    await liu.visits([liuCustomer], 1, '2026-11-21');
    liuVisit = await visitIdOf(liuCustomer);
  });
  afterEach(async () => t.close());

  /** The one visit to this customer. */
  async function visitIdOf(customerId: number): Promise<number> {
    const { visits } = tablesOf(t.db);
    const rows = await t.db.select({ id: visits.id }).from(visits).where(eq(visits.customerId, customerId));
    expect(rows).toHaveLength(1);
    return rows[0]!.id;
  }
  const visitCount = async () => {
    const { visits } = tablesOf(t.db);
    return (await t.db.select({ n: count() }).from(visits))[0]!.n;
  };

  it('lists only what the caller may see, with search and filters', async () => {
    const rep = await devLogin(t.app, 'S101');
    const customers = (await rep.get('/api/customers')).json().customers;
    expect(customers.map((c: { name: string }) => c.name).sort()).toEqual(['S101客户1', 'S101客户2']);
    expect((await rep.get('/api/customers?tag=重点')).json().customers.map((c: { id: number }) => c.id)).toEqual([zhangCustomer]);
    const distributor = (await rep.get('/api/channels')).json().salesChannels.find((c: { name: string }) => c.name !== '直销');
    expect((await rep.get(`/api/customers?salesChannelId=${distributor.id}`)).json().customers).toHaveLength(1);
    expect((await rep.get(`/api/customers?q=${encodeURIComponent('客户2')}`)).json().customers).toHaveLength(1);
    expect((await rep.get(`/api/customers?q=${encodeURIComponent('S201')}`)).json().customers).toHaveLength(0);
    expect((await rep.get('/api/visits')).json().visits.map((v: { customerName: string }) => v.customerName)).toEqual(['S101客户1']);
    expect((await rep.get('/api/deals?stage=proposal')).json().deals).toHaveLength(1);
    expect((await rep.get('/api/deals?stage=won')).json().deals).toHaveLength(0);
    expect((await rep.get('/api/deals?stage=bogus')).statusCode).toBe(400);

    const manager = await devLogin(t.app, 'S200');
    expect((await manager.get('/api/visits')).json().visits.map((v: { repName: string }) => v.repName)).toEqual(['刘洋']);
    const hr = await devLogin(t.app, 'H001');
    expect((await hr.get('/api/visits')).json().visits).toHaveLength(2);
  });

  it('adds a visit from H5 through the same rules as chat: source h5, audited, once per token', async () => {
    const rep = await devLogin(t.app, 'S101');
    const token = '0b6f4c1e-8a4e-4c55-9a52-3d0f7f0c2a11';
    const body = { customerId: zhangCustomer, visitDate: '2026-11-26', kind: 'phone', notes: '确认预算', nextStep: '发报价', nextStepDue: '2026-12-02', token };
    const created = await rep.post('/api/visits', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().visit).toMatchObject({ customerId: zhangCustomer, visitDate: '2026-11-26', kind: 'phone', notes: '确认预算', source: 'h5', repUserId: await userIdOf(t.db, 'S101') });
    const again = await rep.post('/api/visits', body);
    expect(again.json()).toMatchObject({ duplicate: true, visit: { id: created.json().visit.id } });
    expect(await visitCount()).toBe(3);
    const audit = (await auditRows(t.db, 'visit')).find((r) => r.entityId === String(created.json().visit.id));
    expect(audit).toMatchObject({ source: 'h5', action: 'visit.create' });
    expect((await rep.get('/api/visits')).json().visits[0]).toMatchObject({ visitDate: '2026-11-26', notes: '确认预算' });
  });

  it('refuses a visit for another team’s customer, a future date and a malformed body, storing nothing', async () => {
    const rep = await devLogin(t.app, 'S101');
    const foreign = await rep.post('/api/visits', { customerId: liuCustomer, visitDate: '2026-11-26' });
    expect(foreign.statusCode).toBe(404);
    const future = await rep.post('/api/visits', { customerId: zhangCustomer, visitDate: '2026-12-30' });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toMatch(/2026-12-30/);
    const malformed = await rep.post('/api/visits', { customerId: 'abc', kind: 'teleport' });
    expect(malformed.statusCode).toBe(400);
    const paths = malformed.json().issues.map((i: { path: string }) => i.path).join(' ');
    expect(paths).toContain('customerId');
    expect(paths).toContain('kind');
    expect(await visitCount()).toBe(2);
  });

  it('edits a visit within the scope only: own yes, another team’s no (unchanged), a manager their team’s', async () => {
    const rep = await devLogin(t.app, 'S101');
    const own = await visitIdOf(zhangCustomer);
    const edited = await rep.patch(`/api/visits/${own}`, { notes: '改过的纪要' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().visit).toMatchObject({ notes: '改过的纪要', visitDate: '2026-11-20' });
    expect((await rep.get(`/api/visits/${own}`)).json().visit).toMatchObject({ id: own, customerName: 'S101客户1', notes: '改过的纪要' });
    expect((await rep.get(`/api/visits/${liuVisit}`)).statusCode).toBe(403);
    const refused = await rep.patch(`/api/visits/${liuVisit}`, { notes: '篡改' });
    expect(refused.statusCode).toBe(403);
    const { visits } = tablesOf(t.db);
    expect(await t.db.select({ notes: visits.notes }).from(visits).where(eq(visits.id, liuVisit))).toEqual([{ notes: null }]);
    expect((await rep.patch('/api/visits/99999', { notes: 'x' })).statusCode).toBe(404);
    const manager = await devLogin(t.app, 'S200');
    expect((await manager.patch(`/api/visits/${liuVisit}`, { kind: 'video' })).json().visit.kind).toBe('video');
    // A field left out keeps its value: the kind is not reset to the default.
    expect((await manager.patch(`/api/visits/${liuVisit}`, { notes: '陪访' })).json().visit).toMatchObject({ kind: 'video', notes: '陪访' });
    expect((await auditRows(t.db, 'visit')).some((r) => r.action === 'visit.update' && r.source === 'h5')).toBe(true);
  });

  it('adds and edits customers: owned by the creator, no duplicates, never another team’s', async () => {
    const rep = await devLogin(t.app, 'S101');
    const channels = (await rep.get('/api/channels')).json().salesChannels as { id: number; name: string }[];
    const direct = channels.find((c) => c.name === '直销') as { id: number };
    const created = await rep.post('/api/customers', { name: '华为技术有限公司', salesChannelId: direct.id, region: '深圳', industry: '通信' });
    expect(created.statusCode).toBe(201);
    expect(created.json().customer).toMatchObject({ name: '华为技术有限公司', salesChannelName: '直销', region: '深圳', ownerUserId: await userIdOf(t.db, 'S101') });
    const duplicate = await rep.post('/api/customers', { name: '华为技术', salesChannelId: direct.id });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().message).toContain('华为技术有限公司');
    const noChannel = await rep.post('/api/customers', { name: '新客户' });
    expect(noChannel.statusCode).toBe(400);
    expect(JSON.stringify(noChannel.json().issues)).toContain('salesChannelId');
    expect((await rep.post('/api/customers', { name: '新客户', salesChannelId: 9999 })).statusCode).toBe(400);

    const id = created.json().customer.id;
    expect((await rep.get(`/api/customers/${id}`)).json().customer).toMatchObject({ name: '华为技术有限公司', industry: '通信' });
    expect((await rep.get(`/api/customers/${liuCustomer}`)).statusCode).toBe(403);
    expect((await rep.get('/api/customers/424242')).statusCode).toBe(404);
    expect((await rep.patch(`/api/customers/${id}`, { industry: 'ICT' })).json().customer.industry).toBe('ICT');
    expect((await rep.patch(`/api/customers/${liuCustomer}`, { industry: 'ICT' })).statusCode).toBe(403);
    expect((await auditRows(t.db, 'customer')).filter((r) => r.source === 'h5').length).toBe(2);
  });
});
