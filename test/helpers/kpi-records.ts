import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import type { Verification } from '../../src/domain/records/vocabulary.js';
import { complaints, customers, deals, payments, salesChannels, satisfactionSurveys, trainings, users, visits } from '../../src/db/schema/index.js';

/**
 * Writes sales records straight into the records tables (as the records commands would), so KPI
 * tests can state a rep's month in a few lines. Dates are business dates; instants are ISO strings.
 */
export function kpiRecords(db: Db, employeeNo: string) {
  const user = db.select().from(users).where(eq(users.employeeNo, employeeNo)).get();
  if (!user) throw new Error(`no user ${employeeNo}`);
  const now = Date.parse('2026-11-27T10:00:00+08:00');
  const stamps = { createdAt: now, updatedAt: now };
  // Numbered after the rep's existing customers, so seeding a second month adds new names.
  let customerSeq = db.select().from(customers).where(eq(customers.ownerUserId, user.id)).all().length;

  const api = {
    userId: user.id,
    customer(createdAtIso = '2026-10-01T10:00:00+08:00', channelCode = 'direct', extra: { region?: string; industry?: string } = {}): number {
      customerSeq += 1;
      const salesChannel = db.select().from(salesChannels).where(eq(salesChannels.code, channelCode)).get();
      const at = Date.parse(createdAtIso);
      const name = `${employeeNo}客户${customerSeq}`;
      return db
        .insert(customers)
        .values({ name, normalizedName: name, salesChannelId: salesChannel?.id ?? null, ownerUserId: user.id, source: 'chat', ...extra, createdAt: at, updatedAt: at })
        .returning({ id: customers.id })
        .get().id;
    },
    visits(customerIds: number[], count: number, visitDate = '2026-11-15', verification: Verification = 'self'): void {
      for (let i = 0; i < count; i += 1) {
        db.insert(visits).values({ repUserId: user.id, customerId: customerIds[i % customerIds.length] as number, visitDate, kind: 'onsite', source: 'chat', verification, ...stamps }).run();
      }
    },
    deal(customerId: number, amountFen: number, stage: 'won' | 'lost' | 'proposal', date = '2026-11-10'): number {
      return db
        .insert(deals)
        .values({ customerId, repUserId: user.id, amountFen, stage, wonOn: stage === 'won' ? date : null, lostOn: stage === 'lost' ? date : null, source: 'chat', ...stamps })
        .returning({ id: deals.id })
        .get().id;
    },
    payment(dealId: number, customerId: number, amountFen: number, paidOn: string): void {
      db.insert(payments).values({ dealId, repUserId: user.id, customerId, amountFen, paidOn, source: 'chat', ...stamps }).run();
    },
    survey(customerId: number, score: number, surveyedOn = '2026-11-20', verification: Verification = 'self'): void {
      db.insert(satisfactionSurveys).values({ customerId, repUserId: user.id, score, surveyedOn, source: 'chat', verification, ...stamps }).run();
    },
    complaint(customerId: number, receivedAtIso: string, receivedOn: string, closedAtIso: string | null = null, respondedAfterMs: number | null = 3_600_000): void {
      const at = Date.parse(receivedAtIso);
      const respondedAt = respondedAfterMs === null ? null : at + respondedAfterMs;
      db.insert(complaints)
        .values({ customerId, repUserId: user.id, content: '发货慢', receivedOn, receivedAt: at, respondedAt, closedAt: closedAtIso ? Date.parse(closedAtIso) : null, source: 'chat', ...stamps })
        .run();
    },
    training(minutes: number, trainedOn = '2026-11-05', verification: Verification = 'self'): void {
      db.insert(trainings).values({ repUserId: user.id, course: '产品培训', minutes, trainedOn, kind: 'internal', source: 'chat', verification, ...stamps }).run();
    },
  };
  return api;
}
