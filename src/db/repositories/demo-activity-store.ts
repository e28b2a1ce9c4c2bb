import { asc, eq, sql } from 'drizzle-orm';
import type { Verification } from '../../domain/records/vocabulary.js';
import { asyncRepository, type Db } from '../client.js';
import { hotQuery, tablesOf } from '../dialect.js';

const p = (name: string) => sql.placeholder(name);

/**
 * Writes the demo reps' made-up activity (src/seed/demo-activity.ts): plain inserts with
 * statements prepared once, since the seed writes thousands of rows. Not for real data: nothing here
 * is audited.
 */
export function createDemoActivityStore(db: Db) {
  const { customers, deals, payments, salesChannels, satisfactionSurveys, trainings, visits } = tablesOf(db);
  const source = 'import' as const;
  const insertCustomer = hotQuery<{ id: number }>(db, 'demo_activity_customer', () =>
    db
      .insert(customers)
      .values({ name: p('name'), normalizedName: p('normalizedName'), salesChannelId: p('salesChannelId'), ownerUserId: p('ownerUserId'), source, createdByUserId: p('ownerUserId'), tags: [], createdAt: p('at'), updatedAt: p('at') })
      .returning({ id: customers.id }),
  );
  const insertVisit = hotQuery(db, 'demo_activity_visit', () =>
    db.insert(visits).values({ repUserId: p('repUserId'), customerId: p('customerId'), visitDate: p('date'), kind: p('kind'), notes: p('notes'), source, verification: p('verification'), createdAt: p('at'), updatedAt: p('at') }),
  );
  const insertDeal = hotQuery<{ id: number }>(db, 'demo_activity_deal', () =>
    db
      .insert(deals)
      .values({ customerId: p('customerId'), repUserId: p('repUserId'), title: p('title'), amountFen: p('amountFen'), stage: p('stage'), salesChannelId: p('salesChannelId'), wonOn: p('wonOn'), lostOn: p('lostOn'), source, createdAt: p('at'), updatedAt: p('at') })
      .returning({ id: deals.id }),
  );
  const insertPayment = hotQuery(db, 'demo_activity_payment', () =>
    db.insert(payments).values({ dealId: p('dealId'), repUserId: p('repUserId'), customerId: p('customerId'), amountFen: p('amountFen'), paidOn: p('paidOn'), source, createdAt: p('at'), updatedAt: p('at') }),
  );
  const insertSurvey = hotQuery(db, 'demo_activity_survey', () =>
    db
      .insert(satisfactionSurveys)
      .values({ customerId: p('customerId'), repUserId: p('repUserId'), score: p('score'), surveyedOn: p('surveyedOn'), source, verification: p('verification'), createdAt: p('at'), updatedAt: p('at') }),
  );
  const insertTraining = hotQuery(db, 'demo_activity_training', () =>
    db
      .insert(trainings)
      .values({ repUserId: p('repUserId'), course: '顾问式销售', minutes: p('minutes'), trainedOn: p('trainedOn'), kind: 'internal', source, verification: p('verification'), createdAt: p('at'), updatedAt: p('at') }),
  );
  // By id, so both databases hand the seed the same list (its random picks index into it).
  const customersOf = hotQuery<{ id: number }>(db, 'demo_activity_customers_of', () =>
    db.select({ id: customers.id }).from(customers).where(eq(customers.ownerUserId, p('userId'))).orderBy(asc(customers.id)),
  );

  return asyncRepository(db, {
    async hasVisits(): Promise<boolean> {
      return (await db.select({ id: visits.id }).from(visits).limit(1)).length > 0;
    },
    async salesChannelIds(): Promise<number[]> {
      return (await db.select({ id: salesChannels.id }).from(salesChannels).orderBy(asc(salesChannels.id))).map((r) => r.id);
    },
    async customerIdsOwnedBy(userId: number): Promise<number[]> {
      return (await customersOf.all({ userId })).map((c) => c.id);
    },
    /** Returns the new customer's id. */
    async customer(input: { name: string; normalizedName: string; salesChannelId: number; ownerUserId: number; at: number }): Promise<number> {
      return (await insertCustomer.get(input))!.id;
    },
    async visit(input: { repUserId: number; customerId: number; date: string; kind: 'onsite' | 'phone'; notes: string; verification: Verification; at: number }): Promise<void> {
      await insertVisit.run(input);
    },
    /** A closed deal (won or lost on `date`); returns its id. */
    async deal(input: { customerId: number; repUserId: number; title: string; amountFen: number; won: boolean; salesChannelId: number; date: string; at: number }): Promise<number> {
      const { won, date, ...values } = input;
      return (await insertDeal.get({ ...values, stage: won ? 'won' : 'lost', wonOn: won ? date : null, lostOn: won ? null : date }))!.id;
    },
    async payment(input: { dealId: number; repUserId: number; customerId: number; amountFen: number; paidOn: string; at: number }): Promise<void> {
      await insertPayment.run(input);
    },
    async survey(input: { customerId: number; repUserId: number; score: number; surveyedOn: string; verification: Verification; at: number }): Promise<void> {
      await insertSurvey.run(input);
    },
    async training(input: { repUserId: number; minutes: number; trainedOn: string; verification: Verification; at: number }): Promise<void> {
      await insertTraining.run(input);
    },
  });
}
