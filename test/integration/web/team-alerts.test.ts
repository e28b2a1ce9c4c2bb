import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

/** The team page's "needs attention": the alert rules evaluated now, within the caller's scope, nothing sent. */
describe('GET /api/team/alerts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-11-27T18:00:00+08:00' });
    await t.db.delete(tablesOf(t.db).requiredFields);
    for (const employeeNo of ['S100', 'S101', 'S102', 'S103', 'S104', 'S105', 'S200', 'S201', 'S202', 'S203', 'S204', 'S205']) {
      const rep = await kpiRecords(t.db, employeeNo);
      const customer = await rep.customer();
      const deal = await rep.deal(customer, 10_000_000, 'won', '2026-11-10');
      await rep.payment(deal, customer, 10_000_000, '2026-11-10');
      // 张三 (east team) and 刘洋 (south team) last visited on Monday: three working days ago.
      await rep.visits([customer], 1, employeeNo === 'S101' || employeeNo === 'S201' ? '2026-11-23' : '2026-11-27');
    }
  });
  afterEach(async () => t.close());

  it('a manager sees their own team’s alerts only, and nothing is sent', async () => {
    const manager = await devLogin(t.app, 'S100');
    const res = await manager.get('/api/team/alerts');
    expect(res.statusCode, res.body).toBe(200);
    const alerts = (res.json() as { alerts: { rule: string; name: string; text: string }[] }).alerts;
    expect(alerts).toEqual([expect.objectContaining({ rule: 'no-visit', name: '张三', text: expect.stringContaining('张三') })]);
    const { outbox } = tablesOf(t.db);
    expect(await t.db.select({ n: count() }).from(outbox)).toEqual([{ n: 0 }]);
  });

  it('HR sees every team’s alerts; a rep is refused', async () => {
    const hr = await devLogin(t.app, 'H001');
    const names = ((await hr.get('/api/team/alerts')).json() as { alerts: { name: string }[] }).alerts.map((a) => a.name);
    expect(names.sort()).toEqual(['刘洋', '张三'].sort());
    const rep = await devLogin(t.app, 'S102');
    expect((await rep.get('/api/team/alerts')).statusCode).toBe(403);
  });
});
