import { asc, eq, sql } from 'drizzle-orm';
import { asyncRepository, inTransaction, onConnection, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import { normaliseName } from '../../domain/records/customer-name.js';

export interface SalesChannel {
  id: number;
  code: string;
  name: string;
  aliases: string[];
}

/** The channels every org starts with; an admin may add more or deactivate these later. */
export const DEFAULT_SALES_CHANNELS: readonly { code: string; name: string; aliases: string[] }[] = [
  { code: 'direct', name: '直销', aliases: ['direct', '自营'] },
  { code: 'distributor', name: '经销商/代理', aliases: ['经销商', '代理', '代理商', '经销', 'distributor', 'agent'] },
  { code: 'online', name: '线上', aliases: ['online', '网络', '电商', '官网'] },
  { code: 'exhibition', name: '展会', aliases: ['exhibition', 'expo', '会展'] },
  { code: 'referral', name: '转介绍', aliases: ['referral', '介绍', '推荐'] },
  { code: 'repeat', name: '老客户复购', aliases: ['复购', '老客户', 'repeat'] },
];

/** Inserts the default channels that are missing (by code); safe to run at every boot. */
export async function ensureDefaultSalesChannels(db: Db, now: number): Promise<void> {
  const { salesChannels } = tablesOf(db);
  await onConnection(db, async () => {
    for (const [index, c] of DEFAULT_SALES_CHANNELS.entries()) {
      await db
        .insert(salesChannels)
        .values({ code: c.code, name: c.name, aliases: c.aliases, sortOrder: (index + 1) * 10, createdAt: now })
        .onConflictDoNothing();
    }
  });
}

export function createSalesChannelRepository(db: Db) {
  const { salesChannels } = tablesOf(db);
  async function list(): Promise<SalesChannel[]> {
    return await db
      .select({ id: salesChannels.id, code: salesChannels.code, name: salesChannels.name, aliases: salesChannels.aliases })
      .from(salesChannels)
      .where(eq(salesChannels.active, true))
      .orderBy(asc(salesChannels.sortOrder), asc(salesChannels.id));
  }
  return asyncRepository(db, {
    list,
    async get(id: number): Promise<SalesChannel | undefined> {
      return (await list()).find((c) => c.id === id);
    },
    /** Matches a typed word against channel names, codes and aliases (case and width ignored). */
    async findByWord(word: string): Promise<SalesChannel | undefined> {
      const key = normaliseName(word);
      if (!key) return undefined;
      return (await list()).find((c) => [c.name, c.code, ...c.aliases].some((w) => normaliseName(w) === key));
    },
  });
}

/** Why a channel change was refused; the caller words it in the user's language. */
export type SalesChannelChangeResult = { ok: true; salesChannel: SalesChannelRow } | { ok: false; problem: 'not-found' | 'name-taken' };

export interface SalesChannelRow extends SalesChannel {
  active: boolean;
  sortOrder: number;
  /** Customers recorded under this channel (they keep it when the channel is deactivated). */
  customers: number;
}

interface ChangeContext {
  now: number;
  actorUserId: number | null;
  source: string;
}

/**
 * The admin side of the channels: every channel (inactive ones too), add, rename, deactivate and
 * reactivate. Nothing is deleted, so customers and records keep the channel they were given; an
 * inactive channel is only left out of lists and typed-word matching. Each change is audited.
 */
export function createSalesChannelAdmin(db: Db) {
  const { auditLog, salesChannels } = tablesOf(db);
  const rowOf = async (id: number): Promise<SalesChannelRow | undefined> => {
    const [row] = await db
      .select({
        id: salesChannels.id,
        code: salesChannels.code,
        name: salesChannels.name,
        aliases: salesChannels.aliases,
        active: salesChannels.active,
        sortOrder: salesChannels.sortOrder,
        // Spelled out: drizzle leaves columns unqualified here, which the subquery would read as its own.
        customers: sql<number>`(SELECT count(*) FROM customers c WHERE c.sales_channel_id = sales_channels.id)`.mapWith(Number),
      })
      .from(salesChannels)
      .where(eq(salesChannels.id, id))
      .limit(1);
    return row;
  };

  /** A name clashes with another channel's name, code or alias (case and width ignored). */
  async function nameTaken(name: string, exceptId: number | null): Promise<boolean> {
    const key = normaliseName(name);
    const channels = await db
      .select({ id: salesChannels.id, code: salesChannels.code, name: salesChannels.name, aliases: salesChannels.aliases, active: salesChannels.active })
      .from(salesChannels);
    return channels.some((c) => c.id !== exceptId && (normaliseName(c.name) === key || (c.active && [c.code, ...c.aliases].some((w) => normaliseName(w) === key))));
  }

  async function audit(context: ChangeContext, action: string, id: number, before: unknown, after: unknown): Promise<void> {
    await db.insert(auditLog).values({ at: context.now, actorUserId: context.actorUserId, source: context.source, action, entity: 'sales_channel', entityId: String(id), before, after });
  }

  return asyncRepository(db, {
    async listAll(): Promise<SalesChannelRow[]> {
      const ids = await db.select({ id: salesChannels.id }).from(salesChannels).orderBy(asc(salesChannels.sortOrder), asc(salesChannels.id));
      const rows: SalesChannelRow[] = [];
      for (const { id } of ids) {
        const row = await rowOf(id);
        if (row) rows.push(row);
      }
      return rows;
    },

    async add(name: string, context: ChangeContext): Promise<SalesChannelChangeResult> {
      return inTransaction(db, async () => {
        if (await nameTaken(name, null)) return { ok: false as const, problem: 'name-taken' as const };
        const [tops] = await db
          .select({ maxId: sql<number>`coalesce(max(${salesChannels.id}), 0)`.mapWith(Number), maxOrder: sql<number>`coalesce(max(${salesChannels.sortOrder}), 0)`.mapWith(Number) })
          .from(salesChannels);
        const { maxId, maxOrder } = tops ?? { maxId: 0, maxOrder: 0 };
        // Codes are what imports and the API may use; a channel added by hand gets a stable generated one.
        const [inserted] = await db.insert(salesChannels).values({ code: `custom-${maxId + 1}`, name, aliases: [], sortOrder: maxOrder + 10, createdAt: context.now }).returning();
        if (!inserted) throw new Error('sales channel insert returned no row');
        await audit(context, 'sales_channel.create', inserted.id, null, inserted);
        return { ok: true as const, salesChannel: (await rowOf(inserted.id)) as SalesChannelRow };
      });
    },

    /** The old name stays as an alias, so what people already type still finds the channel. */
    async rename(id: number, name: string, context: ChangeContext): Promise<SalesChannelChangeResult> {
      return inTransaction(db, async () => {
        const before = await rowOf(id);
        if (!before) return { ok: false as const, problem: 'not-found' as const };
        if (before.name === name) return { ok: true as const, salesChannel: before };
        if (await nameTaken(name, id)) return { ok: false as const, problem: 'name-taken' as const };
        const aliases = [...new Set([...before.aliases, before.name])].filter((a) => normaliseName(a) !== normaliseName(name));
        await db.update(salesChannels).set({ name, aliases }).where(eq(salesChannels.id, id));
        const after = (await rowOf(id)) as SalesChannelRow;
        await audit(context, 'sales_channel.rename', id, before, after);
        return { ok: true as const, salesChannel: after };
      });
    },

    async setActive(id: number, active: boolean, context: ChangeContext): Promise<SalesChannelChangeResult> {
      return inTransaction(db, async () => {
        const before = await rowOf(id);
        if (!before) return { ok: false as const, problem: 'not-found' as const };
        if (before.active === active) return { ok: true as const, salesChannel: before };
        await db.update(salesChannels).set({ active }).where(eq(salesChannels.id, id));
        const after = (await rowOf(id)) as SalesChannelRow;
        await audit(context, active ? 'sales_channel.activate' : 'sales_channel.deactivate', id, before, after);
        return { ok: true as const, salesChannel: after };
      });
    },
  });
}

export type SalesChannelRepository = ReturnType<typeof createSalesChannelRepository>;
