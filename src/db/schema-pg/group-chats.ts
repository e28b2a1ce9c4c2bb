// The PostgreSQL twin of ../schema/group-chats.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, boolean, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, jsonb } from './columns.js';
import { deals } from './deals.js';
import { departments, users } from './org.js';

export const groupBinds = pgTable(
  'group_binds',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    chatId: text('chat_id').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    topN: integer('top_n').notNull().default(5),
    winPosts: boolean('win_posts').notNull().default(true),
    boundByUserId: integer('bound_by_user_id').references(() => users.id),
    boundAt: epochMs('bound_at').notNull(),
    goneAt: epochMs('gone_at'),
  },
  (t) => [uniqueIndex('group_binds_chat_unique').on(t.platform, t.chatId), index('group_binds_department_idx').on(t.departmentId)],
);

export const winPosts = pgTable(
  'win_posts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    bindId: integer('bind_id')
      .notNull()
      .references(() => groupBinds.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: epochMs('created_at').notNull(),
    retractedAt: epochMs('retracted_at'),
  },
  (t) => [uniqueIndex('win_posts_deal_bind_unique').on(t.dealId, t.bindId), uniqueIndex('win_posts_key_unique').on(t.idempotencyKey)],
);

export const winPostLikes = pgTable(
  'win_post_likes',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => winPosts.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    likedAt: epochMs('liked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);
