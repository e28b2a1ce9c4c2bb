import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { salesChannels } from '../schema/index.js';
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
export function ensureDefaultSalesChannels(db: Db, now: number): void {
  DEFAULT_SALES_CHANNELS.forEach((c, index) => {
    db.insert(salesChannels)
      .values({ code: c.code, name: c.name, aliases: c.aliases, sortOrder: (index + 1) * 10, createdAt: now })
      .onConflictDoNothing()
      .run();
  });
}

export function createSalesChannelRepository(db: Db) {
  function list(): SalesChannel[] {
    return db
      .select({ id: salesChannels.id, code: salesChannels.code, name: salesChannels.name, aliases: salesChannels.aliases })
      .from(salesChannels)
      .where(eq(salesChannels.active, true))
      .orderBy(asc(salesChannels.sortOrder), asc(salesChannels.id))
      .all();
  }
  return {
    list,
    get(id: number): SalesChannel | undefined {
      return list().find((c) => c.id === id);
    },
    /** Matches a typed word against channel names, codes and aliases (case and width ignored). */
    findByWord(word: string): SalesChannel | undefined {
      const key = normaliseName(word);
      if (!key) return undefined;
      return list().find((c) => [c.name, c.code, ...c.aliases].some((w) => normaliseName(w) === key));
    },
  };
}

export type SalesChannelRepository = ReturnType<typeof createSalesChannelRepository>;
