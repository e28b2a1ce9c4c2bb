import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { asyncRepository, inTransaction, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import { writeAudit, type WriteActor } from './audited-store.js';
import { type contacts, type customers, type deals } from '../schema/index.js';
import {
  COMPLETENESS_ENTITIES,
  DEFAULT_REQUIRED_FIELDS,
  REQUIRABLE_FIELDS,
  type CompletenessEntity,
  type CompletenessRecord,
} from '../../domain/records/completeness.js';

/** Seeds the default required fields when an org has none configured; safe at every boot. */
export async function ensureDefaultRequiredFields(db: Db, now: number): Promise<void> {
  const { requiredFields } = tablesOf(db);
  if ((await db.select({ entity: requiredFields.entity }).from(requiredFields).limit(1)).length > 0) return;
  const rows = COMPLETENESS_ENTITIES.flatMap((entity) => DEFAULT_REQUIRED_FIELDS[entity].map((field) => ({ entity, field, createdAt: now })));
  if (rows.length > 0) await db.insert(requiredFields).values(rows).onConflictDoNothing();
}

/** The queries, for other repositories' own statements (the KPI measures). */
export function completenessQueries(db: Db) {
  const { contacts, customers, deals, requiredFields } = tablesOf(db);
  return {
    /** Replaces the required fields (unknown fields are refused by the caller), audited. */
    async setRequiredFields(actor: WriteActor, next: Record<CompletenessEntity, string[]>): Promise<void> {
      await inTransaction(db, async () => {
        const before = await this.requiredFields();
        await db.delete(requiredFields);
        const rows = COMPLETENESS_ENTITIES.flatMap((entity) => [...new Set(next[entity])].map((field) => ({ entity, field, createdAt: actor.now })));
        if (rows.length > 0) await db.insert(requiredFields).values(rows);
        await writeAudit(db, actor, 'required_fields.update', 'required_fields', 'all', before, next);
      });
    },

    async requiredFields(): Promise<Record<CompletenessEntity, string[]>> {
      const rows = await db.select().from(requiredFields);
      const result: Record<CompletenessEntity, string[]> = { customer: [], contact: [], deal: [] };
      for (const row of rows) if (REQUIRABLE_FIELDS[row.entity][row.field] !== undefined) result[row.entity].push(row.field);
      return result;
    },

    /** A rep's customers (owned), their contacts, and the rep's deals, as plain records. */
    async recordsOf(repUserId: number): Promise<Record<CompletenessEntity, CompletenessRecord[]>> {
      const own = await db.select().from(customers).where(eq(customers.ownerUserId, repUserId));
      const contactRows = own.length === 0 ? [] : await db.select().from(contacts).where(inArray(contacts.customerId, own.map((c) => c.id)));
      return asRecords(own, contactRows, await db.select().from(deals).where(eq(deals.repUserId, repUserId)));
    },

    /**
     * recordsOf for every rep, only the records created in the period (all that completeness counts
     * there), read with three range queries and grouped in one pass: the KPI engine scores every rep.
     */
    async recordsCreatedIn(period: { start: number; end: number }): Promise<Map<number, Record<CompletenessEntity, CompletenessRecord[]>>> {
      const between = (column: typeof customers.createdAt | typeof contacts.createdAt | typeof deals.createdAt) => and(gte(column, period.start), lt(column, period.end));
      const own = await db.select().from(customers).where(between(customers.createdAt));
      const contactRows = await db
        .select({ contact: contacts, owner: customers.ownerUserId, customerName: customers.name })
        .from(contacts)
        .innerJoin(customers, eq(customers.id, contacts.customerId))
        .where(between(contacts.createdAt));
      const dealRows = await db
        .select({ deal: deals, customerName: customers.name })
        .from(deals)
        .leftJoin(customers, eq(customers.id, deals.customerId))
        .where(between(deals.createdAt));
      const names = new Map<number, string>();
      const byRep = new Map<number, { own: CustomerRow[]; contacts: ContactRow[]; deals: DealRow[] }>();
      const of = (rep: number) => {
        let entry = byRep.get(rep);
        if (!entry) byRep.set(rep, (entry = { own: [], contacts: [], deals: [] }));
        return entry;
      };
      for (const c of own) {
        names.set(c.id, c.name);
        if (c.ownerUserId !== null) of(c.ownerUserId).own.push(c);
      }
      for (const row of contactRows) {
        names.set(row.contact.customerId, row.customerName);
        if (row.owner !== null) of(row.owner).contacts.push(row.contact);
      }
      for (const row of dealRows) {
        if (row.customerName !== null) names.set(row.deal.customerId, row.customerName);
        of(row.deal.repUserId).deals.push(row.deal);
      }
      return new Map([...byRep].map(([rep, rows]) => [rep, asRecords(rows.own, rows.contacts, rows.deals, names)]));
    },
  };
}

/** The same queries, each async behind the connection lock (see asyncRepository). */
export function createCompletenessRepository(db: Db) {
  return asyncRepository(db, completenessQueries(db));
}

type CustomerRow = typeof customers.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;
type DealRow = typeof deals.$inferSelect;

function asRecords(
  own: CustomerRow[],
  contactRows: ContactRow[],
  dealRows: DealRow[],
  names: ReadonlyMap<number, string> = new Map(own.map((c) => [c.id, c.name])),
): Record<CompletenessEntity, CompletenessRecord[]> {
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
