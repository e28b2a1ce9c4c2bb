import { and, between, count, eq, inArray, isNull, sum } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { affected, tablesOf } from '../dialect.js';
import type { groupBinds, winPosts } from '../schema/index.js';

export type GroupBind = typeof groupBinds.$inferSelect;
export type WinPost = typeof winPosts.$inferSelect;
type Platform = GroupBind['platform'];

/** Group chats bound to departments, their 喜报 and the likes on them. */
export function createGroupBindRepository(db: Db) {
  const { customers, deals, departments, groupBinds, outbox, users, winPostLikes, winPosts } = tablesOf(db);
  const first = async <T>(rows: PromiseLike<T[]>): Promise<T | undefined> => (await rows)[0];
  return asyncRepository(db, {
    async byChat(platform: Platform, chatId: string): Promise<GroupBind | undefined> {
      return first(db.select().from(groupBinds).where(and(eq(groupBinds.platform, platform), eq(groupBinds.chatId, chatId))).limit(1));
    },

    async get(id: number): Promise<GroupBind | undefined> {
      return first(db.select().from(groupBinds).where(eq(groupBinds.id, id)).limit(1));
    },

    /** Binds the chat (again): a rebind moves it to the department and clears a failure. */
    async bind(input: { platform: Platform; chatId: string; departmentId: number; boundByUserId: number; now: number }): Promise<GroupBind> {
      const values = { departmentId: input.departmentId, boundByUserId: input.boundByUserId, boundAt: input.now, goneAt: null };
      const [row] = await db
        .insert(groupBinds)
        .values({ platform: input.platform, chatId: input.chatId, ...values })
        .onConflictDoUpdate({ target: [groupBinds.platform, groupBinds.chatId], set: values })
        .returning();
      return row!;
    },

    async remove(id: number): Promise<boolean> {
      return affected(await db.delete(groupBinds).where(eq(groupBinds.id, id))) > 0;
    },

    async update(id: number, change: { topN?: number; winPosts?: boolean }): Promise<GroupBind | undefined> {
      if (change.topN === undefined && change.winPosts === undefined) return first(db.select().from(groupBinds).where(eq(groupBinds.id, id)).limit(1));
      return first(db.update(groupBinds).set(change).where(eq(groupBinds.id, id)).returning());
    },

    /** Every bind with its department, for the admin page. */
    async list() {
      return await db
        .select({ bind: groupBinds, department: departments.name, departmentPath: departments.path, boundBy: users.name })
        .from(groupBinds)
        .innerJoin(departments, eq(departments.id, groupBinds.departmentId))
        .leftJoin(users, eq(users.id, groupBinds.boundByUserId))
        .orderBy(groupBinds.id);
    },

    /** Binds still posting (no failure noticed). */
    async live(): Promise<GroupBind[]> {
      return await db.select().from(groupBinds).where(isNull(groupBinds.goneAt)).orderBy(groupBinds.id);
    },

    /** Marks the bind gone; true only for the call that changed it (admins are told once). */
    async markGone(id: number, now: number): Promise<boolean> {
      return affected(await db.update(groupBinds).set({ goneAt: now }).where(and(eq(groupBinds.id, id), isNull(groupBinds.goneAt)))) > 0;
    },

    async customerOf(customerId: number): Promise<{ name: string; confidential: boolean } | undefined> {
      return first(db.select({ name: customers.name, confidential: customers.confidential }).from(customers).where(eq(customers.id, customerId)).limit(1));
    },

    /** Won deals of these reps between two business dates (inclusive). */
    async wonBetween(repUserIds: number[], from: string, to: string): Promise<{ deals: number; amountFen: number }> {
      if (repUserIds.length === 0) return { deals: 0, amountFen: 0 };
      // sum() is text on both drivers (pg: numeric of a bigint column); count() a number.
      const [row] = await db
        .select({ deals: count(), amountFen: sum(deals.amountFen) })
        .from(deals)
        .where(and(inArray(deals.repUserId, repUserIds), eq(deals.stage, 'won'), between(deals.wonOn, from, to)));
      return { deals: row?.deals ?? 0, amountFen: Number(row?.amountFen ?? 0) };
    },

    /** Stores a 喜报 once per deal and group; undefined when it was stored before. */
    async addWinPost(input: { dealId: number; bindId: number; idempotencyKey: string; data: Record<string, unknown>; now: number }): Promise<WinPost | undefined> {
      return first(
        db
          .insert(winPosts)
          .values({ dealId: input.dealId, bindId: input.bindId, idempotencyKey: input.idempotencyKey, data: input.data, createdAt: input.now })
          .onConflictDoNothing()
          .returning(),
      );
    },

    async setWinPostData(id: number, data: Record<string, unknown>): Promise<void> {
      await db.update(winPosts).set({ data }).where(eq(winPosts.id, id));
    },

    async winPost(id: number): Promise<WinPost | undefined> {
      return first(db.select().from(winPosts).where(eq(winPosts.id, id)).limit(1));
    },

    /** A deal's 喜报 not yet retracted, with the platform and the sent message (null until the outbox sent it). */
    async liveWinPostsOfDeal(dealId: number) {
      return await db
        .select({ post: winPosts, platform: groupBinds.platform, messageId: outbox.platformMessageId })
        .from(winPosts)
        .innerJoin(groupBinds, eq(groupBinds.id, winPosts.bindId))
        .leftJoin(outbox, and(eq(outbox.idempotencyKey, winPosts.idempotencyKey), eq(outbox.status, 'sent')))
        .where(and(eq(winPosts.dealId, dealId), isNull(winPosts.retractedAt)));
    },

    async retract(id: number, now: number): Promise<boolean> {
      return affected(await db.update(winPosts).set({ retractedAt: now }).where(and(eq(winPosts.id, id), isNull(winPosts.retractedAt)))) > 0;
    },

    /** One like per person: false when this person had liked it already. */
    async like(postId: number, userId: number, now: number): Promise<boolean> {
      return affected(await db.insert(winPostLikes).values({ postId, userId, likedAt: now }).onConflictDoNothing()) > 0;
    },

    async likes(postId: number): Promise<number> {
      return (await first(db.select({ n: count() }).from(winPostLikes).where(eq(winPostLikes.postId, postId))))?.n ?? 0;
    },
  });
}

export type GroupBindRepository = ReturnType<typeof createGroupBindRepository>;
