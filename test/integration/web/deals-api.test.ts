import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

/** A deal entered in H5 goes through the same 商机 rules as chat: exact fen, stages, scope, one record per token. */
describe('POST /api/deals', () => {
  let t: TestApp;
  let customerId: number;
  const h5Deals = async () => {
    const { deals } = tablesOf(t.db);
    return t.db.select({ fen: deals.amountFen, stage: deals.stage, source: deals.source, title: deals.title }).from(deals).where(eq(deals.source, 'h5')).orderBy(asc(deals.id));
  };
  beforeEach(async () => {
    t = await createTestApp();
    customerId = await (await kpiRecords(t.db, 'S101')).customer();
  });
  afterEach(async () => t.close());

  it('stores a deal with the amount as people write it, once per form token, audited as h5', async () => {
    const rep = await devLogin(t.app, 'S101');
    const token = randomUUID();
    const body = { customerId, amount: '1.2万', stage: 'proposal', title: 'ERP 升级', expectedCloseDate: '2026-12-31', token };
    const first = await rep.post('/api/deals', body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await rep.post('/api/deals', body);
    expect(again.statusCode).toBe(200);
    expect(await h5Deals()).toEqual([{ fen: 1_200_000, stage: 'proposal', source: 'h5', title: 'ERP 升级' }]);
    const { auditLog } = tablesOf(t.db);
    const [audited] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.source, 'h5'), eq(auditLog.entity, 'deal')));
    expect(audited!.n).toBeGreaterThan(0);
  });

  it('refuses another team’s customer, a bad amount (naming the field), and a missing CSRF token; nothing is stored', async () => {
    const otherTeam = await devLogin(t.app, 'S201');
    expect((await otherTeam.post('/api/deals', { customerId, amount: '5万' })).statusCode).toBe(404);
    const rep = await devLogin(t.app, 'S101');
    const negative = await rep.post('/api/deals', { customerId, amount: '-5万' });
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toMatch(/金额/);
    const badStage = await rep.post('/api/deals', { customerId, amount: '5万', stage: 'dreaming' });
    expect(badStage.statusCode).toBe(400);
    expect(badStage.body).toContain('stage');
    expect((await rep.post('/api/deals', { customerId, amount: '5万' }, { csrf: null })).statusCode).toBe(403);
    expect(await h5Deals()).toEqual([]);
  });
});
