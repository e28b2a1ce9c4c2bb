import { eq, inArray } from 'drizzle-orm';
import { inSyncTransaction, asyncRepository, type Db } from '../client.js';
import { writeAudit, type WriteActor } from './audited-store.js';
import { contacts, customers, deals, requiredFields } from '../schema/index.js';
import {
  COMPLETENESS_ENTITIES,
  DEFAULT_REQUIRED_FIELDS,
  REQUIRABLE_FIELDS,
  type CompletenessEntity,
  type CompletenessRecord,
} from '../../domain/records/completeness.js';

/** Seeds the default required fields when an org has none configured; safe at every boot. */
export function ensureDefaultRequiredFields(db: Db, now: number): void {
  if (db.select().from(requiredFields).limit(1).all().length > 0) return;
  for (const entity of COMPLETENESS_ENTITIES) {
    for (const field of DEFAULT_REQUIRED_FIELDS[entity]) db.insert(requiredFields).values({ entity, field, createdAt: now }).onConflictDoNothing().run();
  }
}

/** The synchronous queries, for other repositories' own statements (the KPI measures). */
export function completenessQueries(db: Db) {
  return {
    /** Replaces the required fields (unknown fields are refused by the caller), audited. */
    setRequiredFields(actor: WriteActor, next: Record<CompletenessEntity, string[]>): void {
      inSyncTransaction(db, () => {
        const before = this.requiredFields();
        db.delete(requiredFields).run();
        for (const entity of COMPLETENESS_ENTITIES) {
          for (const field of new Set(next[entity])) db.insert(requiredFields).values({ entity, field, createdAt: actor.now }).run();
        }
        writeAudit(db, actor, 'required_fields.update', 'required_fields', 'all', before, next);
      });
    },

    requiredFields(): Record<CompletenessEntity, string[]> {
      const rows = db.select().from(requiredFields).all();
      const result: Record<CompletenessEntity, string[]> = { customer: [], contact: [], deal: [] };
      for (const row of rows) if (REQUIRABLE_FIELDS[row.entity][row.field] !== undefined) result[row.entity].push(row.field);
      return result;
    },

    /** A rep's customers (owned), their contacts, and the rep's deals, as plain records. */
    recordsOf(repUserId: number): Record<CompletenessEntity, CompletenessRecord[]> {
      const own = db.select().from(customers).where(eq(customers.ownerUserId, repUserId)).all();
      const contactRows = own.length === 0 ? [] : db.select().from(contacts).where(inArray(contacts.customerId, own.map((c) => c.id))).all();
      return asRecords(own, contactRows, db.select().from(deals).where(eq(deals.repUserId, repUserId)).all());
    },

    /** recordsOf for every rep that owns a customer or a deal (the KPI measures read all reps at once). */
    recordsOfAll(): Map<number, Record<CompletenessEntity, CompletenessRecord[]>> {
      const allCustomers = db.select().from(customers).all();
      const allContacts = db.select().from(contacts).all();
      const allDeals = db.select().from(deals).all();
      const reps = new Set<number>([...allCustomers.map((c) => c.ownerUserId), ...allDeals.map((d) => d.repUserId)].filter((u): u is number => u !== null));
      return new Map(
        [...reps].map((rep) => {
          const own = allCustomers.filter((c) => c.ownerUserId === rep);
          const ids = new Set(own.map((c) => c.id));
          return [rep, asRecords(own, allContacts.filter((c) => ids.has(c.customerId)), allDeals.filter((d) => d.repUserId === rep), allCustomers)];
        }),
      );
    },
  };
}

/** The same queries, each async behind the connection lock (see asyncRepository). */
export function createCompletenessRepository(db: Db) {
  return asyncRepository(db, completenessQueries(db));
}

type CustomerRow = typeof customers.$inferSelect;

function asRecords(
  own: CustomerRow[],
  contactRows: (typeof contacts.$inferSelect)[],
  dealRows: (typeof deals.$inferSelect)[],
  named: CustomerRow[] = own,
): Record<CompletenessEntity, CompletenessRecord[]> {
  const names = new Map(named.map((c) => [c.id, c.name]));
  return {
    customer: own.map((c) => ({ id: c.id, label: c.name, values: c, createdAt: c.createdAt })),
    contact: contactRows.map((c) => ({ id: c.id, label: `${names.get(c.customerId) ?? ''} ${c.name}`.trim(), values: c, createdAt: c.createdAt })),
    // A closed deal needs no expected close date: its actual close date stands in for it.
    deal: dealRows.map((d) => ({
      id: d.id,
      label: `#${d.id} ${names.get(d.customerId) ?? ''} ${d.title ?? ''}`.trim(),
      values: { ...d, expectedCloseDate: d.expectedCloseDate ?? d.wonOn ?? d.lostOn },
      createdAt: d.createdAt,
    })),
  };
}

export type CompletenessRepository = ReturnType<typeof createCompletenessRepository>;
