import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { tablesOf } from '../../src/db/dialect.js';
import type { Verification } from '../../src/domain/records/vocabulary.js';

/**
 * Writes sales records straight into the records tables (as the records commands would), so KPI
 * tests can state a rep's month in a few lines. Dates are business dates; instants are ISO strings.
 * Works on either database (tablesOf), so the same suites run on SQLite and PostgreSQL.
 */
export async function kpiRecords(db: Db, employeeNo: string) {
  const { complaints, customers, deals, payments, salesChannels, satisfactionSurveys, trainings, users, visits } = tablesOf(db);
  const [user] = await db.select().from(users).where(eq(users.employeeNo, employeeNo)).limit(1);
  if (!user) throw new Error(`no user ${employeeNo}`);
  const now = Date.parse('2026-11-27T10:00:00+08:00');
  const stamps = { createdAt: now, updatedAt: now };
  // Numbered after the rep's existing customers, so seeding a second month adds new names.
  let customerSeq = (await db.select({ id: customers.id }).from(customers).where(eq(customers.ownerUserId, user.id))).length;

  const api = {
    userId: user.id,
    async customer(createdAtIso = '2026-10-01T10:00:00+08:00', channelCode = 'direct', extra: { region?: string; industry?: string } = {}): Promise<number> {
      customerSeq += 1;
      const name = `${employeeNo}客户${customerSeq}`;
      const [salesChannel] = await db.select({ id: salesChannels.id }).from(salesChannels).where(eq(salesChannels.code, channelCode)).limit(1);
      const at = Date.parse(createdAtIso);
      const [row] = await db
        .insert(customers)
        .values({ name, normalizedName: name, salesChannelId: salesChannel?.id ?? null, ownerUserId: user.id, source: 'chat', ...extra, createdAt: at, updatedAt: at })
        .returning({ id: customers.id });
      return (row as { id: number }).id;
    },
    /** `count` customers, created one after another (their names are numbered in order). */
    async customers(count: number, createdAtIso?: string, channelCode?: string): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < count; i += 1) ids.push(await api.customer(createdAtIso, channelCode));
      return ids;
    },
    async visits(customerIds: number[], count: number, visitDate = '2026-11-15', verification: Verification = 'self'): Promise<void> {
      if (count === 0) return;
      const rows = Array.from({ length: count }, (_, i) => ({ repUserId: user.id, customerId: customerIds[i % customerIds.length] as number, visitDate, kind: 'onsite' as const, source: 'chat' as const, verification, ...stamps }));
      await db.insert(visits).values(rows);
    },
    async deal(customerId: number, amountFen: number, stage: 'won' | 'lost' | 'proposal', date = '2026-11-10'): Promise<number> {
      const [row] = await db
        .insert(deals)
        .values({ customerId, repUserId: user.id, amountFen, stage, wonOn: stage === 'won' ? date : null, lostOn: stage === 'lost' ? date : null, source: 'chat', ...stamps })
        .returning({ id: deals.id });
      return (row as { id: number }).id;
    },
    async payment(dealId: number, customerId: number, amountFen: number, paidOn: string): Promise<void> {
      await db.insert(payments).values({ dealId, repUserId: user.id, customerId, amountFen, paidOn, source: 'chat', ...stamps });
    },
    async survey(customerId: number, score: number, surveyedOn = '2026-11-20', verification: Verification = 'self'): Promise<void> {
      await db.insert(satisfactionSurveys).values({ customerId, repUserId: user.id, score, surveyedOn, source: 'chat', verification, ...stamps });
    },
    async complaint(customerId: number, receivedAtIso: string, receivedOn: string, closedAtIso: string | null = null, respondedAfterMs: number | null = 3_600_000): Promise<void> {
      const at = Date.parse(receivedAtIso);
      const respondedAt = respondedAfterMs === null ? null : at + respondedAfterMs;
      await db
        .insert(complaints)
        .values({ customerId, repUserId: user.id, content: '发货慢', receivedOn, receivedAt: at, respondedAt, closedAt: closedAtIso ? Date.parse(closedAtIso) : null, source: 'chat', ...stamps });
    },
    async training(minutes: number, trainedOn = '2026-11-05', verification: Verification = 'self'): Promise<void> {
      await db.insert(trainings).values({ repUserId: user.id, course: '产品培训', minutes, trainedOn, kind: 'internal', source: 'chat', verification, ...stamps });
    },
  };
  return api;
}
