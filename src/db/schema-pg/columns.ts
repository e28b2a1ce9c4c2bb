import { bigint, customType } from 'drizzle-orm/pg-core';

/**
 * Instants stay epoch milliseconds (UTC) as on SQLite: one domain type on both databases, exact equality,
 * and no time zone conversion in the driver. bigint, since epoch ms passed 2^31 long ago; mode 'number'
 * because they stay far below 2^53. Business dates stay 'YYYY-MM-DD' text (compared as strings).
 */
export const epochMs = (name: string) => bigint(name, { mode: 'number' });

/** Money in integer fen. bigint: a year's sums pass 2^31 fen (21 million yuan); fen fit in 2^53. */
export const fen = (name: string) => bigint(name, { mode: 'number' });

/** Raw bytes (SQLite blob, mode 'buffer'); drizzle's pg-core has no bytea column of its own. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

export const timestamps = {
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
};

/** What jsonb refuses in a string: NUL, and a lone UTF-16 surrogate (half of an emoji, cut or forged). */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters matched on purpose
const JSONB_REFUSED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * jsonb, written so PostgreSQL accepts every string SQLite stores: JSON.stringify spells NUL as "\u0000"
 * and a lone surrogate as "\udfff", which jsonb refuses (a 500 for chat text holding one), so each is
 * stored as U+FFFD instead.
 */
export const jsonb = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? item.replace(JSONB_REFUSED, '\uFFFD') : item)),
});
