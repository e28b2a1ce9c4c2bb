import { pgTable, text, integer, boolean, jsonb, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { deals } from './deals.js';
import { departments, users } from './org.js';

/**
 * A team group chat bound to a department (绑定群): the weekly top-N post and 喜报 go there. One bind
 * per chat; unbinding deletes it (its 喜报 rows with it).
 */
export const groupBinds = pgTable(
  'group_binds',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    /** Feishu chat_id, DingTalk openConversationId, the sandbox chat id. */
    chatId: text('chat_id').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** How many reps the weekly post shows at most. */
    topN: integer('top_n').notNull().default(5),
    /** Whether won deals are announced here (喜报). */
    winPosts: boolean('win_posts').notNull().default(true),
    boundByUserId: integer('bound_by_user_id').references(() => users.id),
    boundAt: epochMs('bound_at').notNull(),
    /** When a post failed because the bot left or the group is gone (admins were told then; posts stop). */
    goneAt: epochMs('gone_at'),
  },
  (t) => [uniqueIndex('group_binds_chat_unique').on(t.platform, t.chatId), index('group_binds_department_idx').on(t.departmentId)],
);

/** One 喜报 of one won deal in one bound group; `data` is the card's data, re-rendered on each like. */
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
    /** The outbox key of the post: its sent message is the card a like or a retraction updates. */
    idempotencyKey: text('idempotency_key').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: epochMs('created_at').notNull(),
    retractedAt: epochMs('retracted_at'),
  },
  (t) => [uniqueIndex('win_posts_deal_bind_unique').on(t.dealId, t.bindId), uniqueIndex('win_posts_key_unique').on(t.idempotencyKey)],
);

/** One like per person per 喜报 (the primary key makes a repeated click a no-op). */
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
