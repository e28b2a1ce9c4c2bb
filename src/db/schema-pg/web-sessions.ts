import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { users } from './org.js';

/**
 * Sessions of the H5 mini-app. The cookie carries a random id (signed); only its SHA-256 is stored,
 * so a copy of the database cannot be replayed as a cookie. The CSRF token is sent back by the page
 * in a header on every write.
 */
export const webSessions = pgTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** How the person logged in: 'feishu' | 'dingtalk' | 'sandbox'. */
    platform: text('platform').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: epochMs('created_at').notNull(),
    lastSeenAt: epochMs('last_seen_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
  },
  (t) => [index('web_sessions_user_idx').on(t.userId), index('web_sessions_expires_idx').on(t.expiresAt)],
);
