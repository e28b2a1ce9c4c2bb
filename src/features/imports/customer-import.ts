import { inTransaction, type Db } from '../../db/client.js';
import { createCheckinRepository } from '../../db/repositories/checkin-repository.js';
import { createCustomerRepository } from '../../db/repositories/customer-repository.js';
import { createOrgRepository } from '../../db/repositories/org-repository.js';
import { createSalesChannelRepository } from '../../db/repositories/sales-channel-repository.js';
import type { RowError } from '../../domain/org/import-rows.js';
import { validateCustomerRows } from '../../domain/records/customer-import-rows.js';
import type { TabularRecord } from './tabular.js';
import type { OnProgress } from '../progress.js';
import { createRowProgress } from './row-progress.js';

export interface CustomerImportSummary {
  ok: true;
  created: number;
  /** Rows whose customer already existed (same name or alias once normalised): left as they are. */
  existing: { rowNumber: number; name: string; existingName: string }[];
  contacts: number;
}

/**
 * Imports customers (and one optional contact each) from a spreadsheet, all or nothing: any bad
 * row stops the import and every problem is listed with its row number. Existing customers are
 * matched by the same dedupe key chat uses and never duplicated; the only thing an import adds to one
 * is a location (纬度/经度), when it has none yet. A location is GCJ-02, what Chinese maps give.
 */
export async function importCustomers(
  db: Db,
  records: TabularRecord[],
  context: { now: number; actorUserId: number | null; source: string; onProgress?: OnProgress },
): Promise<CustomerImportSummary | { ok: false; errors: RowError[] }> {
  const validated = validateCustomerRows(records);
  if (!validated.ok) return validated;
  const salesChannels = createSalesChannelRepository(db);
  const org = createOrgRepository(db);
  const repo = createCustomerRepository(db);
  const locations = createCheckinRepository(db);
  const errors: RowError[] = [];
  const resolved: { row: (typeof validated.rows)[number]; salesChannelId: number | null; ownerId: number }[] = [];
  // Look-ups, then writes: two passes over the rows.
  const progress = createRowProgress(validated.rows.length, 2, context.onProgress);
  for (const [index, row] of validated.rows.entries()) {
    await progress.before(index);
    const salesChannel = await salesChannels.findByWord(row.salesChannel);
    const owner = await org.getUserByEmployeeNo(row.ownerEmployeeNo);
    if (!salesChannel) errors.push({ rowNumber: row.rowNumber, field: 'salesChannel', reason: `没有渠道「${row.salesChannel}」 (unknown channel)` });
    if (!owner || !owner.active) errors.push({ rowNumber: row.rowNumber, field: 'ownerEmployeeNo', reason: `工号 ${row.ownerEmployeeNo} 不在组织中 (unknown or inactive employee)` });
    for (const alias of row.aliases) {
      const holder = await repo.findByName(alias);
      const self = await repo.findByName(row.name);
      if (holder && holder.id !== self?.id) errors.push({ rowNumber: row.rowNumber, field: 'aliases', reason: `别名「${alias}」已属于客户「${holder.name}」 (alias taken)` });
    }
    resolved.push({ row, salesChannelId: salesChannel?.id ?? null, ownerId: owner?.id ?? 0 });
  }
  if (errors.length > 0) return { ok: false, errors };

  const actor = { userId: context.actorUserId, source: context.source, now: context.now };
  return inTransaction(db, async () => {
    const summary: CustomerImportSummary = { ok: true, created: 0, existing: [], contacts: 0 };
    for (const [index, { row, salesChannelId, ownerId }] of resolved.entries()) {
      // The transaction keeps the connection (other requests' queries wait their turn), but not the
      // event loop: health checks, static files and callbacks' acknowledgements go on during a big import.
      await progress.before(resolved.length + index);
      const setLocation = async (customerId: number) => {
        // The first location stands (a check-in's or an earlier import's): see checkInVisit.
        if (row.location) await locations.setCustomerLocationIfNone({ customerId, ...row.location, datum: 'gcj02', source: 'import', checkinId: null, createdAt: context.now });
      };
      const existing = await repo.findByName(row.name);
      if (existing) {
        summary.existing.push({ rowNumber: row.rowNumber, name: row.name, existingName: existing.name });
        await setLocation(existing.id);
        continue;
      }
      const customer = await repo.create(actor, {
        name: row.name,
        aliases: row.aliases,
        salesChannelId,
        region: row.region,
        industry: row.industry,
        tags: row.tags,
        ownerUserId: ownerId,
        source: 'import',
      });
      summary.created += 1;
      await setLocation(customer.id);
      if (row.contactName) {
        await repo.contacts.insert(actor, {
          customerId: customer.id,
          name: row.contactName,
          title: row.contactTitle,
          phone: row.contactPhone,
          createdByUserId: context.actorUserId,
          createdAt: context.now,
          updatedAt: context.now,
        });
        summary.contacts += 1;
      }
    }
    await progress.finish();
    return summary;
  });
}
