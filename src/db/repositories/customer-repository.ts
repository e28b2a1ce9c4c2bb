import { eq, inArray, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { hotQuery, tablesOf } from '../dialect.js';
import type { contacts, customers } from '../schema/index.js';
import type { DataScope } from '../../domain/org/acting-user.js';
import { normaliseName } from '../../domain/records/customer-name.js';
import { withoutFormatCharacters } from '../../domain/records/look-alikes.js';
import type { RecordSource } from '../../domain/records/vocabulary.js';
import { createAuditedStore, writeAudit, type WriteActor } from './audited-store.js';
import { recordCreatedOwner } from './customer-owner-repository.js';

export interface Customer {
  id: number;
  name: string;
  salesChannelId: number | null;
  salesChannelName: string | null;
  region: string | null;
  industry: string | null;
  tags: string[];
  ownerUserId: number;
  aliases: string[];
  /** Team posts (喜报) show a masked name. */
  confidential: boolean;
}

export type Contact = typeof contacts.$inferSelect;

export interface NewCustomer {
  name: string;
  aliases: string[];
  salesChannelId: number | null;
  region: string | null;
  industry: string | null;
  tags?: string[];
  ownerUserId: number;
  source: RecordSource;
}

type CustomerRow = typeof customers.$inferSelect;
type AliasRow = { id: number; customerId: number; alias: string };

function buildOneCustomerStatements(db: Db) {
  const { customerAliases, customers, salesChannels } = tablesOf(db);
  const id = sql.placeholder('id');
  return {
    byId: hotQuery<CustomerRow>(db, 'customer_by_id', () => db.select().from(customers).where(eq(customers.id, id))),
    aliases: hotQuery<AliasRow>(db, 'customer_aliases_of', () => db.select().from(customerAliases).where(eq(customerAliases.customerId, id)).orderBy(customerAliases.id)),
    salesChannel: hotQuery<{ id: number; name: string }>(db, 'customer_sales_channel', () =>
      db.select({ id: salesChannels.id, name: salesChannels.name }).from(salesChannels).where(eq(salesChannels.id, id)),
    ),
  };
}

const oneCustomerByDb = new WeakMap<Db, ReturnType<typeof buildOneCustomerStatements>>();

/**
 * One customer by id is read several times for every record typed in chat, and features build this
 * repository on each call: its three statements are built once per connection, on first use (after
 * the migrations), instead of on every read.
 */
function oneCustomerStatements(db: Db): ReturnType<typeof buildOneCustomerStatements> {
  let statements = oneCustomerByDb.get(db);
  if (!statements) oneCustomerByDb.set(db, (statements = buildOneCustomerStatements(db)));
  return statements;
}

export function createCustomerRepository(db: Db) {
  const { contacts, customerAliases, customers, salesChannels } = tablesOf(db);
  const customerStore = createAuditedStore(db, customers, 'customer');
  const contactStore = createAuditedStore(db, contacts, 'contact');

  const one = () => oneCustomerStatements(db);

  async function hydrate(rows: CustomerRow[]): Promise<Customer[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const single = rows.length === 1 ? rows[0] : undefined;
    const aliasRows: AliasRow[] = single
      ? await one().aliases.all({ id: single.id })
      : await db.select().from(customerAliases).where(inArray(customerAliases.customerId, ids)).orderBy(customerAliases.id);
    const salesChannelRows = single
      ? single.salesChannelId === null
        ? []
        : await one().salesChannel.all({ id: single.salesChannelId })
      : await db.select({ id: salesChannels.id, name: salesChannels.name }).from(salesChannels);
    const salesChannelName = new Map(salesChannelRows.map((c) => [c.id, c.name]));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      salesChannelId: r.salesChannelId,
      salesChannelName: r.salesChannelId === null ? null : (salesChannelName.get(r.salesChannelId) ?? null),
      region: r.region,
      industry: r.industry,
      tags: r.tags,
      ownerUserId: r.ownerUserId,
      aliases: aliasRows.filter((a) => a.customerId === r.id).map((a) => a.alias),
      confidential: r.confidential,
    }));
  }

  async function get(id: number): Promise<Customer | undefined> {
    return (await hydrate(await one().byId.all({ id })))[0];
  }

  /** The customer or alias holding a dedupe key: its customer id. */
  async function idByKey(key: string): Promise<number | undefined> {
    const [byName] = await db.select({ id: customers.id }).from(customers).where(eq(customers.normalizedName, key)).limit(1);
    if (byName) return byName.id;
    const [byAlias] = await db.select({ id: customerAliases.customerId }).from(customerAliases).where(eq(customerAliases.normalizedAlias, key)).limit(1);
    return byAlias?.id;
  }

  return asyncRepository(db, {
    get,

    /** The customer whose name or alias has this dedupe key, whoever owns it. */
    async findByName(name: string): Promise<Customer | undefined> {
      const key = normaliseName(name);
      if (!key) return undefined;
      const id = await idByKey(key);
      return id === undefined ? undefined : get(id);
    },

    /** Customers owned by someone in scope (by id: SQLite's table order, which PostgreSQL does not keep). */
    async listInScope(scope: DataScope): Promise<Customer[]> {
      const rows =
        scope.kind === 'all'
          ? await db.select().from(customers).orderBy(customers.id)
          : await db.select().from(customers).where(inArray(customers.ownerUserId, [...scope.userIds])).orderBy(customers.id);
      return hydrate(rows);
    },

    /** Creates the customer and its aliases; aliases already taken by another customer are skipped. Run inside a transaction. */
    async create(actor: WriteActor, input: NewCustomer): Promise<Customer> {
      const row = await customerStore.insert(actor, {
        // Stored as typed, minus invisible format characters (an RTL override would reorder it in every card).
        name: withoutFormatCharacters(input.name),
        normalizedName: normaliseName(input.name),
        salesChannelId: input.salesChannelId,
        region: input.region,
        industry: input.industry,
        tags: input.tags ?? [],
        ownerUserId: input.ownerUserId,
        source: input.source,
        createdByUserId: actor.userId,
        createdAt: actor.now,
        updatedAt: actor.now,
      });
      await recordCreatedOwner(db, actor, row.id, input.ownerUserId);
      for (const alias of input.aliases) await this.addAlias(actor, row.id, alias);
      return (await get(row.id)) as Customer;
    },

    /** False when the alias already names a customer. */
    async addAlias(actor: WriteActor, customerId: number, alias: string): Promise<boolean> {
      const key = normaliseName(alias);
      if (!key) return false;
      if ((await idByKey(key)) !== undefined) return false;
      const [row] = await db.insert(customerAliases).values({ customerId, alias: withoutFormatCharacters(alias), normalizedAlias: key, createdAt: actor.now }).returning();
      if (row) await writeAudit(db, actor, 'customer_alias.create', 'customer_alias', row.id, null, row);
      return true;
    },

    async update(actor: WriteActor, id: number, patch: { salesChannelId?: number | null; region?: string | null; industry?: string | null; confidential?: boolean }): Promise<Customer | undefined> {
      await customerStore.update(actor, id, { ...patch, updatedAt: actor.now });
      return get(id);
    },

    /** Removes a customer nothing refers to (the undo of a creation); aliases go with it. */
    async remove(actor: WriteActor, id: number): Promise<void> {
      for (const alias of await db.select().from(customerAliases).where(eq(customerAliases.customerId, id)).orderBy(customerAliases.id)) {
        await db.delete(customerAliases).where(eq(customerAliases.id, alias.id));
        await writeAudit(db, actor, 'customer_alias.delete', 'customer_alias', alias.id, alias, null);
      }
      await customerStore.remove(actor, id);
    },

    async contactsOf(customerId: number): Promise<Contact[]> {
      return await db.select().from(contacts).where(eq(contacts.customerId, customerId)).orderBy(contacts.id);
    },

    contacts: asyncRepository(db, contactStore),
  });
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
