import { inTransaction, type Db } from '../../db/client.js';
import { createCustomerRepository } from '../../db/repositories/customer-repository.js';
import { createHistoryLookup } from '../../db/repositories/history-lookup.js';
import { createOrgRepository } from '../../db/repositories/org-repository.js';
import { createRecordRepository } from '../../db/repositories/record-repository.js';
import type { RowError } from '../../domain/org/import-rows.js';
import { businessDateOf } from '../../domain/period.js';
import { validateHistoryRows, type HistoryRow } from '../../domain/records/history-import-rows.js';
import type { TabularRecord } from './tabular.js';
import type { OnProgress } from '../progress.js';
import { createRowProgress } from './row-progress.js';

export interface HistoryImportSummary {
  ok: true;
  visits: number;
  deals: number;
  payments: number;
}

interface Resolved {
  row: HistoryRow;
  customerId: number;
  salesChannelId: number | null;
  repUserId: number;
}

/**
 * Imports past visits, won deals and payments so a team starts with its history and last year's
 * baseline: all or nothing, stored with source 'import' and verification 'imported'. Customers and
 * reps must exist; a payment goes on the rep's won deal with that customer (earlier in the file or
 * already stored).
 */
export async function importHistory(
  db: Db,
  records: TabularRecord[],
  context: { now: number; zone: string; maxFen: number; actorUserId: number | null; source: string; onProgress?: OnProgress },
): Promise<HistoryImportSummary | { ok: false; errors: RowError[] }> {
  const validated = validateHistoryRows(records, { maxFen: context.maxFen, today: businessDateOf(context.now, context.zone) });
  if (!validated.ok) return validated;
  const customers = createCustomerRepository(db);
  const org = createOrgRepository(db);
  const lookup = createHistoryLookup(db);
  const errors: RowError[] = [];
  const resolved: Resolved[] = [];
  const dealsInFile = new Set<string>();
  // Look-ups, then writes: two passes over the rows.
  const progress = createRowProgress(validated.rows.length, 2, context.onProgress);
  for (const [index, row] of validated.rows.entries()) {
    await progress.before(index);
    const customer = await customers.findByName(row.customer);
    const rep = await org.getUserByEmployeeNo(row.employeeNo);
    if (!customer) errors.push({ rowNumber: row.rowNumber, field: '客户', reason: `没有客户「${row.customer}」，请先导入客户 (unknown customer: import customers first)` });
    if (!rep) errors.push({ rowNumber: row.rowNumber, field: '业务员工号', reason: `工号 ${row.employeeNo} 不在组织中 (unknown employee)` });
    if (!customer || !rep) continue;
    const pair = `${customer.id}:${rep.id}`;
    if (row.kind === 'deal') dealsInFile.add(pair);
    if (row.kind === 'payment' && !dealsInFile.has(pair) && (await lookup.wonDealOf(customer.id, rep.id)) === undefined) {
      errors.push({ rowNumber: row.rowNumber, field: '类型', reason: '回款前需要该业务员与该客户的签约记录 (a payment needs a won deal of this rep with this customer)' });
    }
    resolved.push({ row, customerId: customer.id, salesChannelId: customer.salesChannelId, repUserId: rep.id });
  }
  if (errors.length > 0) return { ok: false, errors };

  const recordRepo = createRecordRepository(db);
  const actor = { userId: context.actorUserId, source: context.source, now: context.now };
  const stamps = { source: 'import' as const, createdByUserId: context.actorUserId, createdAt: context.now, updatedAt: context.now };
  return inTransaction(db, async () => {
    const summary: HistoryImportSummary = { ok: true, visits: 0, deals: 0, payments: 0 };
    for (const [index, { row, customerId, salesChannelId, repUserId }] of resolved.entries()) {
      await progress.before(resolved.length + index);
      if (row.kind === 'visit') {
        await recordRepo.visits.insert(actor, { repUserId, customerId, visitDate: row.date, kind: 'onsite', notes: row.note, ...stamps, verification: 'imported' });
        summary.visits += 1;
      } else if (row.kind === 'deal') {
        const deal = await recordRepo.deals.insert(actor, { customerId, repUserId, title: row.note, amountFen: row.amountFen as number, stage: 'won', wonOn: row.date, salesChannelId, ...stamps });
        await recordRepo.stageHistory.insert(actor, { dealId: deal.id, fromStage: null, toStage: 'won', changedOn: row.date, changedAt: context.now, changedByUserId: context.actorUserId });
        summary.deals += 1;
      } else {
        const dealId = (await lookup.wonDealOf(customerId, repUserId)) as number;
        await recordRepo.payments.insert(actor, { dealId, repUserId, customerId, amountFen: row.amountFen as number, paidOn: row.date, ...stamps, verification: 'imported' });
        summary.payments += 1;
      }
    }
    await progress.finish();
    return summary;
  });
}
