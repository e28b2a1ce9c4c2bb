import type { Db } from '../../src/db/client.js';
import { createRecordRepository } from '../../src/db/repositories/record-repository.js';
import { tablesOf } from '../../src/db/dialect.js';
import { userIdOf } from './records.js';

/** Gives an employee the finance role beside the roles they have (roles combine). */
export async function grantFinance(db: Db, employeeNo: string, now: number): Promise<void> {
  const { userRoles } = tablesOf(db);
  await db.insert(userRoles).values({ userId: await userIdOf(db, employeeNo), role: 'finance', source: 'admin', createdAt: now });
}

/** A payment a rep claimed (verification 'self'), on a won deal of theirs. */
export async function claimPayment(db: Db, input: { rep: string; customerId: number; amountFen: number; paidOn: string; now: number }): Promise<number> {
  const records = createRecordRepository(db);
  const repUserId = await userIdOf(db, input.rep);
  const actor = { userId: repUserId, source: 'sandbox', now: input.now };
  const deal = await records.deals.insert(actor, { customerId: input.customerId, repUserId, amountFen: input.amountFen, stage: 'won', wonOn: input.paidOn, source: 'chat', createdAt: input.now, updatedAt: input.now });
  const payment = await records.payments.insert(actor, { dealId: deal.id, repUserId, customerId: input.customerId, amountFen: input.amountFen, paidOn: input.paidOn, source: 'chat', createdAt: input.now, updatedAt: input.now });
  return payment.id;
}
