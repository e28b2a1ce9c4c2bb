import { eq, inArray, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { contacts, customerAliases, customers, salesChannels } from '../schema/index.js';
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

function buildOneCustomerStatements(db: Db) {
  const id = sql.placeholder('id');
  return {
    byId: db.select().from(customers).where(eq(customers.id, id)).prepare(),
    aliases: db.select().from(customerAliases).where(eq(customerAliases.customerId, id)).prepare(),
    salesChannel: db.select({ id: salesChannels.id, name: salesChannels.name }).from(salesChannels).where(eq(salesChannels.id, id)).prepare(),
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
  const customerStore = createAuditedStore(db, customers, 'customer');
  const contactStore = createAuditedStore(db, contacts, 'contact');

  const one = () => oneCustomerStatements(db);

  function hydrate(rows: (typeof customers.$inferSelect)[]): Customer[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const single = rows.length === 1 ? rows[0] : undefined;
    const aliasRows = single ? one().aliases.all({ id: single.id }) : db.select().from(customerAliases).where(inArray(customerAliases.customerId, ids)).all();
    const salesChannelRows = single
      ? single.salesChannelId === null
        ? []
        : one().salesChannel.all({ id: single.salesChannelId })
      : db.select({ id: salesChannels.id, name: salesChannels.name }).from(salesChannels).all();
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

  function get(id: number): Customer | undefined {
    return hydrate(one().byId.all({ id }))[0];
  }

  return asyncRepository(db, {
    get,

    /** The customer whose name or alias has this dedupe key, whoever owns it. */
    findByName(name: string): Customer | undefined {
      const key = normaliseName(name);
      if (!key) return undefined;
      const byName = db.select({ id: customers.id }).from(customers).where(eq(customers.normalizedName, key)).get();
      const byAlias = byName ?? db.select({ id: customerAliases.customerId }).from(customerAliases).where(eq(customerAliases.normalizedAlias, key)).get();
      return byAlias ? get(byAlias.id) : undefined;
    },

    /** Customers owned by someone in scope. */
    listInScope(scope: DataScope): Customer[] {
      const rows =
        scope.kind === 'all'
          ? db.select().from(customers).all()
          : db.select().from(customers).where(inArray(customers.ownerUserId, [...scope.userIds])).all();
      return hydrate(rows);
    },

    /** Creates the customer and its aliases; aliases already taken by another customer are skipped. Run inside a transaction. */
    create(actor: WriteActor, input: NewCustomer): Customer {
      const row = customerStore.insert(actor, {
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
      recordCreatedOwner(db, actor, row.id, input.ownerUserId);
      for (const alias of input.aliases) this.addAlias(actor, row.id, alias);
      return get(row.id) as Customer;
    },

    /** False when the alias already names a customer. */
    addAlias(actor: WriteActor, customerId: number, alias: string): boolean {
      const key = normaliseName(alias);
      if (!key) return false;
      const taken =
        db.select({ id: customers.id }).from(customers).where(eq(customers.normalizedName, key)).get() ??
        db.select({ id: customerAliases.id }).from(customerAliases).where(eq(customerAliases.normalizedAlias, key)).get();
      if (taken) return false;
      const row = db.insert(customerAliases).values({ customerId, alias: withoutFormatCharacters(alias), normalizedAlias: key, createdAt: actor.now }).returning().get();
      writeAudit(db, actor, 'customer_alias.create', 'customer_alias', row.id, null, row);
      return true;
    },

    update(actor: WriteActor, id: number, patch: { salesChannelId?: number | null; region?: string | null; industry?: string | null; confidential?: boolean }): Customer | undefined {
      customerStore.update(actor, id, { ...patch, updatedAt: actor.now });
      return get(id);
    },

    /** Removes a customer nothing refers to (the undo of a creation); aliases go with it. */
    remove(actor: WriteActor, id: number): void {
      for (const alias of db.select().from(customerAliases).where(eq(customerAliases.customerId, id)).all()) {
        db.delete(customerAliases).where(eq(customerAliases.id, alias.id)).run();
        writeAudit(db, actor, 'customer_alias.delete', 'customer_alias', alias.id, alias, null);
      }
      customerStore.remove(actor, id);
    },

    contactsOf(customerId: number): Contact[] {
      return db.select().from(contacts).where(eq(contacts.customerId, customerId)).all();
    },

    contacts: asyncRepository(db, contactStore),
  });
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
