import type { Db } from '../../db/client.js';
import { createCustomerRepository } from '../../db/repositories/customer-repository.js';
import { createEntryRepository } from '../../db/repositories/entry-repository.js';
import { createRecordRepository } from '../../db/repositories/record-repository.js';
import { createSalesChannelRepository } from '../../db/repositories/sales-channel-repository.js';
import { createVisitParticipantRepository } from '../../db/repositories/visit-participants.js';

/** The repositories the record features use (built from the db on each call: closures, nothing to cache). */
export function createRecordServices(db: Db) {
  return {
    db,
    customers: createCustomerRepository(db),
    records: createRecordRepository(db),
    entries: createEntryRepository(db),
    salesChannels: createSalesChannelRepository(db),
    participants: createVisitParticipantRepository(db),
  };
}

export type RecordServices = ReturnType<typeof createRecordServices>;
