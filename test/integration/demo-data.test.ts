import { and, count, countDistinct, eq, isNotNull, max, min, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, tablesOf } from '../../src/db/dialect.js';
import { seedDemoActivity } from '../../src/seed/demo-activity.js';
import { seedDemoCustomers } from '../../src/seed/demo-customers.js';
import { DEMO_FINANCE_ROW, seedDemoFinance } from '../../src/seed/demo-finance.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { devLogin } from '../helpers/web-session.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** What `npm run demo` seeds: enough activity that the KPI commands show real numbers. */
describe('demo data', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedDemoCustomers(t.db, t.clock.now);
  });
  afterEach(async () => t.close());

  it('seeds a month and a half of activity once, never dated after today', async () => {
    const rows = seedDemoActivity(t.db, t.clock.now, 'Asia/Shanghai');
    expect(await rows).toBeGreaterThan(100);
    expect(await seedDemoActivity(t.db, t.clock.now, 'Asia/Shanghai')).toBe(0);
    const { visits } = tablesOf(t.db);
    const [span] = await t.db.select({ first: min(visits.visitDate), last: max(visits.visitDate), reps: countDistinct(visits.repUserId) }).from(visits);
    expect(span!.first! >= '2026-10-01').toBe(true);
    expect(span!.last! <= '2026-11-27').toBe(true);
    expect(span!.reps).toBe(12);
  });

  it('a demo rep sees a scored month and a manager a ranking with the whole team', async () => {
    await seedDemoActivity(t.db, t.clock.now, 'Asia/Shanghai');
    const [scorecard] = await sandboxChat(t.app, 'S101').say('业绩 本月');
    expect(replyText(scorecard!)).toMatch(/拜访/);
    expect(replyText(scorecard!)).not.toMatch(/暂无数据.*暂无数据.*暂无数据.*暂无数据/s);
    const [ranking] = await sandboxChat(t.app, 'S100').say('排行 本月');
    const text = replyText(ranking!);
    for (const name of ['张三', '李四', '赵敏']) expect(text).toContain(name);
  });

  it('seeds verified and unverified records side by side, and a finance officer with matched and unmatched receipts to review', async () => {
    const org = await importOrg(t.db, readJsonRows([...DEMO_ORG_ROWS, DEMO_FINANCE_ROW]), { now: t.clock.now, actorUserId: null, source: 'cli' });
    expect(org.ok).toBe(true);
    await seedDemoActivity(t.db, t.clock.now, 'Asia/Shanghai');
    expect(await seedDemoFinance(t.db, t.clock.now, t.config.finance)).toBe(6);
    expect(await seedDemoFinance(t.db, t.clock.now, t.config.finance)).toBe(0);

    const kinds = async (table: string) => (await queryRows<{ v: string }>(t.db, sql`SELECT DISTINCT verification AS v FROM ${sql.identifier(table)} ORDER BY v`)).map((r) => r.v);
    expect(await kinds('visits')).toEqual(['located', 'manager', 'self']);
    expect(await kinds('payments')).toEqual(['finance', 'self']);
    expect(await kinds('satisfaction_surveys')).toEqual(['customer', 'self']);
    expect(await kinds('trainings')).toEqual(['manager', 'self']);

    const review = await (await devLogin(t.app, 'F001')).get('/api/finance/review');
    expect(review.statusCode, review.body).toBe(200);
    const body = review.json() as { unmatchedReceipts: { customerName: string; reference: string }[]; openClaims: unknown[] };
    expect(body.unmatchedReceipts.map((r) => r.customerName)).toEqual(['远航贸易有限公司', '星河物流有限公司']);
    expect(body.openClaims.length).toBeGreaterThan(0);
    const { financeReceipts: receipts } = tablesOf(t.db);
    expect(await t.db.select({ n: count() }).from(receipts).where(and(isNotNull(receipts.paymentId), eq(receipts.matchKind, 'auto')))).toEqual([{ n: 4 }]);
    expect((await (await devLogin(t.app, 'S101')).get('/api/finance/review')).statusCode).toBe(403);
  });
});
