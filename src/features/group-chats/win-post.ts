import { winAnnouncementCard, type WinAnnouncementCardData } from '../../../cards/win-announcement.js';
import { inTransaction } from '../../db/client.js';
import { createGroupBindRepository } from '../../db/repositories/group-binds.js';
import { cardReply, type CardModel } from '../../domain/card-model.js';
import { departmentAndBelow, maskCustomerName } from '../../domain/group-chat/group-rules.js';
import { rat } from '../../domain/kpi/rational.js';
import { periodContaining } from '../../domain/period.js';
import { formatMoney } from '../../i18n/format.js';
import { cardUpdateMessage, cardUpdateOfMessage, type OutboxMessage } from '../../outbox/outbox.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../records/refusals.js';
import { groupTarget } from './weekly-post.js';

/** What a 喜报 needs of the deal. */
export interface WonDeal {
  id: number;
  repUserId: number;
  customerId: number;
  amountFen: number;
  stage: string;
}

const build = (data: WinAnnouncementCardData): CardModel => winAnnouncementCard.build(data, 'zh');

/**
 * 喜报: a won deal at or above the threshold is announced in every live group bound to the rep's
 * department (or one above it) that has 喜报 on. Key `group-win:<platform>:<chat>:deal-<id>`: a deal
 * is announced once per group, whatever re-runs. Runs in the caller's transaction when it has one.
 */
export async function announceWonDeal(deps: AppDeps, deal: WonDeal, now: number): Promise<string[]> {
  if (deal.stage !== 'won' || deal.amountFen < deps.config.groupPosts.winMinFen) return [];
  const repository = createGroupBindRepository(deps.db);
  const rep = await deps.org.getUser(deal.repUserId);
  if (rep?.departmentId == null) return [];
  const departments = await deps.org.listDepartments();
  const binds = (await repository.live()).filter((b) => b.winPosts && deps.platforms.includes(b.platform) && departmentAndBelow(b.departmentId, departments).has(rep.departmentId as number));
  if (binds.length === 0) return [];
  const customer = await repository.customerOf(deal.customerId);
  const people = await deps.org.listUsers({ activeOnly: true });
  const month = periodContaining('month', now, deps.config.timezone);
  const keys: string[] = [];
  await inTransaction(deps.db, async () => {
    for (const bind of binds) {
      const ids = departmentAndBelow(bind.departmentId, departments);
      const team = people.filter((p) => p.departmentId !== null && ids.has(p.departmentId)).map((p) => p.id);
      const wins = await repository.wonBetween(team, month.startDate, month.lastDate);
      const key = `group-win:${bind.platform}:${bind.chatId}:deal-${deal.id}`;
      const data: WinAnnouncementCardData = {
        postId: 0,
        team: departments.find((d) => d.id === bind.departmentId)?.name ?? '',
        rep: rep.name,
        customer: customer ? (customer.confidential ? maskCustomerName(customer.name) : customer.name) : '',
        amount: formatMoney(rat(deal.amountFen), 'zh'),
        monthDeals: wins.deals,
        monthTotal: formatMoney(rat(wins.amountFen), 'zh'),
        likes: 0,
        retracted: false,
      };
      const post = await repository.addWinPost({ dealId: deal.id, bindId: bind.id, idempotencyKey: key, data: { ...data }, now });
      if (!post) continue;
      const stored = { ...data, postId: post.id };
      await repository.setWinPostData(post.id, { ...stored });
      await deps.outbox.enqueue([{ idempotencyKey: key, platform: bind.platform, target: groupTarget(bind), payload: cardReply(build(stored)) }]);
      keys.push(key);
    }
  });
  return keys;
}

/** 点赞: one like per person; the card comes back with the count of distinct likers. */
export async function likeWinPost(deps: AppDeps, actor: Actor, input: { postId: number }): Promise<{ card: CardModel; liked: boolean; retracted: boolean }> {
  const repository = createGroupBindRepository(deps.db);
  return inTransaction(deps.db, async () => {
    const post = await repository.winPost(input.postId);
    if (!post) throw refuse('NOT_FOUND', 'group.win.gone');
    const data = post.data as unknown as WinAnnouncementCardData;
    if (post.retractedAt !== null) return { card: build({ ...data, retracted: true }), liked: false, retracted: true };
    const liked = await repository.like(post.id, actor.user.id, actor.now);
    const updated = { ...data, likes: await repository.likes(post.id) };
    await repository.setWinPostData(post.id, { ...updated });
    return { card: build(updated), liked, retracted: false };
  });
}

/** A deal's live 喜报, read before the deal is undone (deleting a deal deletes its posts). */
export async function winPostsOfDeal(deps: AppDeps, dealId: number) {
  return createGroupBindRepository(deps.db).liveWinPostsOfDeal(dealId);
}

/**
 * The deal was undone: each of its 喜报 is marked retracted. A post the outbox has not sent yet is
 * withdrawn (the group never sees it); a sent one has its card replaced; one being sent right now
 * gets a card update that waits for its message id, so it is corrected as soon as it lands.
 */
export async function retractWinPosts(deps: AppDeps, posts: Awaited<ReturnType<typeof winPostsOfDeal>>, now: number): Promise<string[]> {
  if (posts.length === 0) return [];
  const repository = createGroupBindRepository(deps.db);
  const messages: OutboxMessage[] = [];
  await inTransaction(deps.db, async () => {
    for (const { post, platform, messageId } of posts) {
      await repository.retract(post.id, now);
      const sent = messageId ? { status: 'sent' as const, platformMessageId: messageId } : await deps.outbox.withdraw(post.idempotencyKey);
      // Withdrawn before it went out, or given up on: there is no card to replace.
      if (!sent || sent.status === 'withdrawn' || sent.status === 'failed') continue;
      const card = build({ ...(post.data as unknown as WinAnnouncementCardData), retracted: true });
      const idempotencyKey = `${post.idempotencyKey}:retracted`;
      messages.push(sent.platformMessageId ? cardUpdateMessage({ idempotencyKey, platform, messageId: sent.platformMessageId, card }) : cardUpdateOfMessage({ idempotencyKey, platform, of: post.idempotencyKey, card }));
    }
    if (messages.length > 0) await deps.outbox.enqueue(messages);
  });
  return messages.map((m) => m.idempotencyKey);
}
