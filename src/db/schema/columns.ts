import { integer } from 'drizzle-orm/sqlite-core';

/** Instants are stored as epoch milliseconds (UTC); business dates as 'YYYY-MM-DD' text in APP_TIMEZONE. */
export const epochMs = (name: string) => integer(name, { mode: 'number' });

export const timestamps = {
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
};
