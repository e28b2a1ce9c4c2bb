import { and, between, count, eq, inArray, isNull, sum } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { customers, deals, departments, groupBinds, outbox, users, winPostLikes, winPosts } from '../schema/index.js';

export type GroupBind = typeof groupBinds.$inferSelect;
export type WinPost = typeof winPosts.$inferSelect;
type Platform = GroupBind['platform'];

/** Group chats bound to departments, their 喜报 and the likes on them. */
export function createGroupBindRepository(db: Db) {
  return asyncRepository(db, {
    byChat(platform: Platform, chatId: string): GroupBind | undefined {
      return db.select().from(groupBinds).where(and(eq(groupBinds.platform, platform), eq(groupBinds.chatId, chatId))).get();
    },

    get(id: number): GroupBind | undefined {
      return db.select().from(groupBinds).where(eq(groupBinds.id, id)).get();
    },

    /** Binds the chat (again): a rebind moves it to the department and clears a failure. */
    bind(input: { platform: Platform; chatId: string; departmentId: number; boundByUserId: number; now: number }): GroupBind {
      const values = { departmentId: input.departmentId, boundByUserId: input.boundByUserId, boundAt: input.now, goneAt: null };
      return db
        .insert(groupBinds)
        .values({ platform: input.platform, chatId: input.chatId, ...values })
        .onConflictDoUpdate({ target: [groupBinds.platform, groupBinds.chatId], set: values })
        .returning()
        .get();
    },

    remove(id: number): boolean {
      return db.delete(groupBinds).where(eq(groupBinds.id, id)).run().changes > 0;
    },

    update(id: number, change: { topN?: number; winPosts?: boolean }): GroupBind | undefined {
      if (change.topN === undefined && change.winPosts === undefined) return db.select().from(groupBinds).where(eq(groupBinds.id, id)).get();
      return db.update(groupBinds).set(change).where(eq(groupBinds.id, id)).returning().get();
    },

    /** Every bind with its department, for the admin page. */
    list() {
      return db
        .select({ bind: groupBinds, department: departments.name, departmentPath: departments.path, boundBy: users.name })
        .from(groupBinds)
        .innerJoin(departments, eq(departments.id, groupBinds.departmentId))
        .leftJoin(users, eq(users.id, groupBinds.boundByUserId))
        .orderBy(groupBinds.id)
        .all();
    },

    /** Binds still posting (no failure noticed). */
    live(): GroupBind[] {
      return db.select().from(groupBinds).where(isNull(groupBinds.goneAt)).orderBy(groupBinds.id).all();
    },

    /** Marks the bind gone; true only for the call that changed it (admins are told once). */
    markGone(id: number, now: number): boolean {
      return db.update(groupBinds).set({ goneAt: now }).where(and(eq(groupBinds.id, id), isNull(groupBinds.goneAt))).run().changes > 0;
    },

    customerOf(customerId: number): { name: string; confidential: boolean } | undefined {
      return db.select({ name: customers.name, confidential: customers.confidential }).from(customers).where(eq(customers.id, customerId)).get();
    },

    /** Won deals of these reps between two business dates (inclusive). */
    wonBetween(repUserIds: number[], from: string, to: string): { deals: number; amountFen: number } {
      if (repUserIds.length === 0) return { deals: 0, amountFen: 0 };
      const row = db
        .select({ deals: count(), amountFen: sum(deals.amountFen) })
        .from(deals)
        .where(and(inArray(deals.repUserId, repUserIds), eq(deals.stage, 'won'), between(deals.wonOn, from, to)))
        .get();
      return { deals: row?.deals ?? 0, amountFen: Number(row?.amountFen ?? 0) };
    },

    /** Stores a 喜报 once per deal and group; undefined when it was stored before. */
    addWinPost(input: { dealId: number; bindId: number; idempotencyKey: string; data: Record<string, unknown>; now: number }): WinPost | undefined {
      return db
        .insert(winPosts)
        .values({ dealId: input.dealId, bindId: input.bindId, idempotencyKey: input.idempotencyKey, data: input.data, createdAt: input.now })
        .onConflictDoNothing()
        .returning()
        .get();
    },

    setWinPostData(id: number, data: Record<string, unknown>): void {
      db.update(winPosts).set({ data }).where(eq(winPosts.id, id)).run();
    },

    winPost(id: number): WinPost | undefined {
      return db.select().from(winPosts).where(eq(winPosts.id, id)).get();
    },

    /** A deal's 喜报 not yet retracted, with the platform and the sent message (null until the outbox sent it). */
    liveWinPostsOfDeal(dealId: number) {
      return db
        .select({ post: winPosts, platform: groupBinds.platform, messageId: outbox.platformMessageId })
        .from(winPosts)
        .innerJoin(groupBinds, eq(groupBinds.id, winPosts.bindId))
        .leftJoin(outbox, and(eq(outbox.idempotencyKey, winPosts.idempotencyKey), eq(outbox.status, 'sent')))
        .where(and(eq(winPosts.dealId, dealId), isNull(winPosts.retractedAt)))
        .all();
    },

    retract(id: number, now: number): boolean {
      return db.update(winPosts).set({ retractedAt: now }).where(and(eq(winPosts.id, id), isNull(winPosts.retractedAt))).run().changes > 0;
    },

    /** One like per person: false when this person had liked it already. */
    like(postId: number, userId: number, now: number): boolean {
      return db.insert(winPostLikes).values({ postId, userId, likedAt: now }).onConflictDoNothing().run().changes > 0;
    },

    likes(postId: number): number {
      return db.select({ n: count() }).from(winPostLikes).where(eq(winPostLikes.postId, postId)).get()?.n ?? 0;
    },
  });
}

export type GroupBindRepository = ReturnType<typeof createGroupBindRepository>;
