import type { Db } from '../../db/client.js';
import { createCustomerRepository } from '../../db/repositories/customer-repository.js';
import { createEntryRepository } from '../../db/repositories/entry-repository.js';
import { createRecordRepository } from '../../db/repositories/record-repository.js';
import { createSalesChannelRepository } from '../../db/repositories/sales-channel-repository.js';
import { createVisitParticipantRepository } from '../../db/repositories/visit-participants.js';

const servicesByDb = new WeakMap<Db, ReturnType<typeof buildRecordServices>>();

/**
 * The repositories the record features use, built once per database: they are stateless closures, and
 * building them (each method wrapped for the connection lock) cost 2 % of a message's CPU when it was
 * done on every call (webhook bench profile).
 */
export function createRecordServices(db: Db) {
  let services = servicesByDb.get(db);
  if (!services) servicesByDb.set(db, (services = buildRecordServices(db)));
  return services;
}

function buildRecordServices(db: Db) {
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
