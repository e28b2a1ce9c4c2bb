import type { Verification } from '../../domain/records/vocabulary.js';
import { asyncRepository, type Db } from '../client.js';

/**
 * Writes the demo reps' made-up activity (src/seed/demo-activity.ts): plain inserts with
 * statements prepared once, since the seed writes thousands of rows. Not for real data: nothing here
 * is audited.
 */
export function createDemoActivityStore(db: Db) {
  const client = db.$client;
  const insertCustomer = client.prepare(
    `INSERT INTO customers (name, normalized_name, sales_channel_id, owner_user_id, source, created_by_user_id, tags, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'import', ?, '[]', ?, ?)`,
  );
  const insertVisit = client.prepare(
    `INSERT INTO visits (rep_user_id, customer_id, visit_date, kind, notes, source, verification, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'import', ?, ?, ?)`,
  );
  const insertDeal = client.prepare(
    `INSERT INTO deals (customer_id, rep_user_id, title, amount_fen, stage, sales_channel_id, won_on, lost_on, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertPayment = client.prepare(
    `INSERT INTO payments (deal_id, rep_user_id, customer_id, amount_fen, paid_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertSurvey = client.prepare(
    `INSERT INTO satisfaction_surveys (customer_id, rep_user_id, score, surveyed_on, source, verification, created_at, updated_at) VALUES (?, ?, ?, ?, 'import', ?, ?, ?)`,
  );
  const insertTraining = client.prepare(
    `INSERT INTO trainings (rep_user_id, course, minutes, trained_on, kind, source, verification, created_at, updated_at) VALUES (?, '顾问式销售', ?, ?, 'internal', 'import', ?, ?, ?)`,
  );
  const customersOf = client.prepare('SELECT id FROM customers WHERE owner_user_id = ?');

  return asyncRepository(db, {
    hasVisits(): boolean {
      return (client.prepare('SELECT COUNT(*) AS n FROM visits').get() as { n: number }).n > 0;
    },
    salesChannelIds(): number[] {
      return (client.prepare('SELECT id FROM sales_channels ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    },
    customerIdsOwnedBy(userId: number): number[] {
      return (customersOf.all(userId) as { id: number }[]).map((c) => c.id);
    },
    /** Returns the new customer's id. */
    customer(input: { name: string; normalizedName: string; salesChannelId: number; ownerUserId: number; at: number }): number {
      return Number(insertCustomer.run(input.name, input.normalizedName, input.salesChannelId, input.ownerUserId, input.ownerUserId, input.at, input.at).lastInsertRowid);
    },
    visit(input: { repUserId: number; customerId: number; date: string; kind: 'onsite' | 'phone'; notes: string; verification: Verification; at: number }): void {
      insertVisit.run(input.repUserId, input.customerId, input.date, input.kind, input.notes, input.verification, input.at, input.at);
    },
    /** A closed deal (won or lost on `date`); returns its id. */
    deal(input: { customerId: number; repUserId: number; title: string; amountFen: number; won: boolean; salesChannelId: number; date: string; at: number }): number {
      const { won } = input;
      return Number(
        insertDeal.run(input.customerId, input.repUserId, input.title, input.amountFen, won ? 'won' : 'lost', input.salesChannelId, won ? input.date : null, won ? null : input.date, input.at, input.at).lastInsertRowid,
      );
    },
    payment(input: { dealId: number; repUserId: number; customerId: number; amountFen: number; paidOn: string; at: number }): void {
      insertPayment.run(input.dealId, input.repUserId, input.customerId, input.amountFen, input.paidOn, input.at, input.at);
    },
    survey(input: { customerId: number; repUserId: number; score: number; surveyedOn: string; verification: Verification; at: number }): void {
      insertSurvey.run(input.customerId, input.repUserId, input.score, input.surveyedOn, input.verification, input.at, input.at);
    },
    training(input: { repUserId: number; minutes: number; trainedOn: string; verification: Verification; at: number }): void {
      insertTraining.run(input.repUserId, input.minutes, input.trainedOn, input.verification, input.at, input.at);
    },
  });
}
