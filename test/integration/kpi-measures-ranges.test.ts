import { eq, sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/client.js';
import { queryRows, tablesOf } from '../../src/db/dialect.js';
import { completenessQueries } from '../../src/db/repositories/completeness-repository.js';
import { createKpiMeasuresRepository } from '../../src/db/repositories/kpi-measures-repository.js';
import { ensureDefaultSalesChannels } from '../../src/db/repositories/sales-channel-repository.js';
import { emptyMeasures, emptyVerifiedMeasures, type RepMeasures, type VerifiedMeasures } from '../../src/domain/kpi/measures.js';
import { parsePeriodKey, type Period } from '../../src/domain/period.js';
import { repCompleteness } from '../../src/domain/records/completeness.js';
import { VERIFICATIONS, type Verification } from '../../src/domain/records/vocabulary.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { createRandom } from '../../src/seed/random.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { freshTestDb } from '../helpers/fresh-db.js';

/**
 * The measures read each table by a range on its date column (deals: three ranges, won_on, lost_on and
 * created_at, in a UNION ALL). Checked against a plain JavaScript count over every row, on random
 * records crowded around the period edges: the last and first instants and dates of months and weeks,
 * deals created in one month and won or lost in the next, joint visits, every verification.
 */

type Row = Record<string, number | string | null>;
const DAY = 86_400_000;
const DATES = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-15', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'];
const EDGES = ['2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00', '2026-11-30T00:00:00+08:00', '2026-12-07T00:00:00+08:00'].map(Date.parse);

/** Every measure but completeness (its own tests cover it), by a direct reading of each row. */
function expectedMeasures(tables: Record<string, Row[]>, period: Period): Map<number, RepMeasures> {
  const byUser = new Map<number, RepMeasures>();
  const of = (u: number) => byUser.get(u) ?? (byUser.set(u, emptyMeasures()), byUser.get(u)!);
  const slice = (u: number, v: Verification): VerifiedMeasures => ((of(u).byVerification as Partial<Record<Verification, VerifiedMeasures>>)[v] ??= emptyVerifiedMeasures());
  const inDates = (d: unknown) => typeof d === 'string' && d >= period.startDate && d < period.endDate;
  const inInstants = (t: unknown) => typeof t === 'number' && t >= period.start && t < period.end;
  const customersOf = new Map<number, Set<number>>();
  const visited = (u: number, customer: number) => {
    of(u).visits += 1;
    customersOf.set(u, (customersOf.get(u) ?? new Set()).add(customer));
  };
  const visitsById = new Map(tables.visits!.map((v) => [v.id as number, v]));
  for (const v of tables.visits!) {
    if (!inDates(v.visit_date)) continue;
    visited(v.rep_user_id as number, v.customer_id as number);
    slice(v.rep_user_id as number, v.verification as Verification).visits += 1;
  }
  for (const p of tables.participants!) {
    const v = visitsById.get(p.visit_id as number)!;
    if (!inDates(v.visit_date) || p.user_id === v.rep_user_id) continue;
    visited(p.user_id as number, v.customer_id as number);
    // A participant's joint visit is sliced by its verification too (issue 17: pending ones are left out and said so).
    slice(p.user_id as number, v.verification as Verification).visits += 1;
  }
  for (const [u, set] of customersOf) of(u).customersVisited = set.size;
  for (const d of tables.deals!) {
    const u = d.rep_user_id as number;
    if (d.stage === 'won' && inDates(d.won_on)) Object.assign(of(u), { dealsWon: of(u).dealsWon + 1, revenueWonFen: of(u).revenueWonFen + (d.amount_fen as number) });
    if (d.stage === 'lost' && inDates(d.lost_on)) of(u).dealsLost += 1;
    if (inInstants(d.created_at)) of(u).opportunitiesCreated += 1;
  }
  for (const p of tables.payments!.filter((r) => inDates(r.paid_on))) {
    const s = slice(p.rep_user_id as number, p.verification as Verification);
    s.payments += 1;
    s.paymentsFen += p.amount_fen as number;
    of(p.rep_user_id as number).paymentsFen += p.amount_fen as number;
  }
  for (const c of tables.complaints!.filter((r) => inDates(r.received_on))) {
    const quick = c.responded_at !== null && (c.responded_at as number) - (c.received_at as number) <= DAY ? 1 : 0;
    const open = c.closed_at === null || (c.closed_at as number) >= period.end ? 1 : 0;
    for (const m of [of(c.rep_user_id as number), slice(c.rep_user_id as number, c.verification as Verification)]) {
      m.complaints += 1;
      m.complaintsRespondedIn24h += quick;
      m.complaintsUnresolved += open;
    }
  }
  for (const t of tables.trainings!.filter((r) => inDates(r.trained_on))) {
    const s = slice(t.rep_user_id as number, t.verification as Verification);
    s.trainings += 1;
    s.trainingMinutes += t.minutes as number;
    of(t.rep_user_id as number).trainingMinutes += t.minutes as number;
  }
  for (const c of tables.customers!.filter((r) => inInstants(r.created_at))) {
    const m = of(c.owner_user_id as number);
    m.newCustomers += 1;
    if (typeof c.code === 'string') m.newCustomersBySalesChannel = { ...m.newCustomersBySalesChannel, [c.code]: (m.newCustomersBySalesChannel[c.code] ?? 0) + 1 };
  }
  return byUser;
}

const withoutCompleteness = (measures: Map<number, RepMeasures>) =>
  new Map([...measures].filter(([, m]) => JSON.stringify({ ...m, completenessFilled: 0, completenessRequired: 0 }) !== JSON.stringify(emptyMeasures())).map(([u, m]) => [u, { ...m, completenessFilled: 0, completenessRequired: 0 }]));

describe('KPI measures read by date ranges', () => {
  let test: Awaited<ReturnType<typeof freshTestDb>>;
  beforeEach(async () => {
    test = await freshTestDb('kpi_measures_ranges');
    const now = Date.parse('2026-11-27T10:00:00+08:00');
    await ensureDefaultSalesChannels(test.db, now);
    expect((await importOrg(test.db, readJsonRows(DEMO_ORG_ROWS), { now, actorUserId: null, source: 'cli' })).ok).toBe(true);
  });
  afterEach(async () => test.cleanup());

  it('count every record on the right side of each period edge, as a row-by-row count does', async () => {
    const db = test.db;
    const { complaints, contacts, customers, deals, payments, salesChannels, trainings, userRoles, visitParticipants, visits } = tablesOf(db);
    const random = createRandom(20261203);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    // An instant on an edge, a millisecond before one, or anywhere from 10-30 to 12-08.
    const instant = () => {
      const r = random();
      if (r < 0.5) return pick(EDGES) - (random() < 0.5 ? 1 : 0);
      return Date.parse('2026-10-30T00:00:00+08:00') + Math.floor(random() * 39 * DAY);
    };
    const reps = (await db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'rep')).orderBy(userRoles.userId)).map((r) => r.id);
    const channels = (await db.select({ id: salesChannels.id }).from(salesChannels).orderBy(salesChannels.id)).map((r) => r.id);
    const idOf = (rows: { id: number }[]) => (rows[0] as { id: number }).id;
    const stamps = { source: 'chat' as const, createdAt: 0, updatedAt: 0 };
    await inTransaction(db, async () => {
      const seeded: { id: number; rep: number }[] = [];
      for (let i = 0; i < 60; i += 1) {
        const rep = pick(reps);
        const at = instant();
        const blankish = [null, '', '  ', '华东', '制造', '经理'];
        const row = { name: `客户${i}`, normalizedName: `客户${i}`, salesChannelId: random() < 0.2 ? null : pick(channels), ownerUserId: rep, region: pick(blankish), industry: pick(blankish), tags: pick([[], ['重点']]) };
        const id = idOf(await db.insert(customers).values({ ...row, source: 'chat', createdAt: at, updatedAt: at }).returning({ id: customers.id }));
        seeded.push({ id, rep });
        if (random() < 0.6) await db.insert(contacts).values({ customerId: id, name: '联系人', title: pick(blankish), phone: pick(blankish), createdAt: instant(), updatedAt: 0 });
      }
      for (let i = 0; i < 300; i += 1) {
        const c = pick(seeded);
        const row = { repUserId: c.rep, customerId: c.id, visitDate: pick(DATES), kind: 'onsite' as const, verification: pick(VERIFICATIONS) };
        const id = idOf(await db.insert(visits).values({ ...row, ...stamps }).returning({ id: visits.id }));
        if (random() < 0.3) await db.insert(visitParticipants).values({ visitId: id, userId: pick(reps), createdAt: 0 }).onConflictDoNothing(); // sometimes the owner: counted once
      }
      for (let i = 0; i < 150; i += 1) {
        const c = pick(seeded);
        const stage = pick(['won', 'lost', 'proposal'] as const);
        // A stale date on the wrong stage (reopened deals) must not count.
        const wonOn = stage === 'won' || random() < 0.1 ? pick(DATES) : null;
        const lostOn = stage === 'lost' || random() < 0.1 ? pick(DATES) : null;
        const at = instant();
        const row = { customerId: c.id, repUserId: c.rep, title: pick([null, '', '大单']), amountFen: 1_000 + Math.floor(random() * 1_000_000), stage, expectedCloseDate: pick([null, '2026-12-20']), salesChannelId: pick(channels), wonOn, lostOn };
        const id = idOf(await db.insert(deals).values({ ...row, source: 'chat', createdAt: at, updatedAt: at }).returning({ id: deals.id }));
        if (random() < 0.5) await db.insert(payments).values({ dealId: id, repUserId: c.rep, customerId: c.id, amountFen: 100 + Math.floor(random() * 50_000), paidOn: pick(DATES), verification: pick(VERIFICATIONS), ...stamps });
      }
      for (let i = 0; i < 80; i += 1) {
        const c = pick(seeded);
        const received = instant();
        const responded = random() < 0.2 ? null : received + pick([DAY - 1, DAY, DAY + 1, 3_600_000]);
        const row = { customerId: c.id, repUserId: c.rep, content: '发货慢', receivedOn: pick(DATES), receivedAt: received, respondedAt: responded, closedAt: random() < 0.4 ? null : instant(), verification: pick(VERIFICATIONS) };
        await db.insert(complaints).values({ ...row, ...stamps });
      }
      for (let i = 0; i < 60; i += 1) {
        const row = { repUserId: pick(reps), course: '产品培训', minutes: 30 + Math.floor(random() * 4) * 15, trainedOn: pick(DATES), kind: 'internal' as const, verification: pick(VERIFICATIONS) };
        await db.insert(trainings).values({ ...row, ...stamps });
      }
    });
    const rowsOf = (query: SQL) => queryRows<Row>(db, query);
    const tables = {
      visits: await rowsOf(sql`SELECT * FROM visits`),
      participants: await rowsOf(sql`SELECT * FROM visit_participants`),
      deals: await rowsOf(sql`SELECT * FROM deals`),
      payments: await rowsOf(sql`SELECT * FROM payments`),
      complaints: await rowsOf(sql`SELECT * FROM complaints`),
      trainings: await rowsOf(sql`SELECT * FROM trainings`),
      customers: await rowsOf(sql`SELECT c.*, sc.code FROM customers c LEFT JOIN sales_channels sc ON sc.id = c.sales_channel_id`),
    };
    const wonLater = tables.deals.filter((d) => d.stage === 'won' && (d.created_at as number) < EDGES[0]! && (d.won_on as string) >= '2026-11-01');
    expect(wonLater.length).toBeGreaterThan(0);

    const measures = createKpiMeasuresRepository(test.db);
    const completeness = completenessQueries(test.db);
    // Every requirable field required, so each column's blank rule (null, spaces, '[]') is exercised.
    await completeness.setRequiredFields({ now: 0, userId: null, source: 'cli' }, {
      customer: ['salesChannel', 'region', 'industry', 'tags'],
      contact: ['title', 'phone'],
      deal: ['title', 'expectedCloseDate', 'salesChannel'],
    });
    let mixed = 0;
    for (const key of ['2026-10', '2026-11', '2026-12', '2026-W48', '2026-W49', '2026-Q4']) {
      const period = parsePeriodKey(key)!;
      const expected = expectedMeasures(tables, period);
      expect(expected.size, key).toBeGreaterThan(0);
      const measured = await measures.measuresForPeriod(period);
      // Completeness: the counts equal the per-record definition (recordsCreatedIn + repCompleteness).
      const required = await completeness.requiredFields();
      const records = [...(await completeness.recordsCreatedIn(period))].map(([rep, r]) => [rep, repCompleteness(r, required, period)] as const);
      mixed += records.filter(([, r]) => r.complete > 0 && r.complete < r.total).length;
      for (const [rep, r] of records) expect([measured.get(rep)?.completenessFilled, measured.get(rep)?.completenessRequired], `${key} rep ${rep}`).toEqual([r.complete, r.total]);
      const all = withoutCompleteness(measured);
      expect(new Map([...all].sort(([a], [b]) => a - b)), key).toEqual(new Map([...expected].sort(([a], [b]) => a - b)));
      // One rep's card reads through the (rep, date) indexes and gets the same numbers.
      for (const rep of reps) {
        const single = withoutCompleteness(await measures.measuresForPeriod(period, new Set([rep])));
        expect(single.get(rep), `${key} rep ${rep}`).toEqual(expected.get(rep));
      }
    }
    expect(mixed).toBeGreaterThan(0);
  });
});
