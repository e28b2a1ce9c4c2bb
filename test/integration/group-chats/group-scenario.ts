import { and, desc, eq, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { createOutboxStore } from '../../../src/db/repositories/outbox-store.js';
import { createNotificationPreferenceRepository } from '../../../src/db/repositories/notification-preferences.js';
import { tablesOf } from '../../../src/db/dialect.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { seedCustomer, userIdOf } from '../../helpers/records.js';
import type { Actor } from '../../../src/features/actor.js';
import { updateOpportunity } from '../../../src/features/records/deals.js';
import type { TestApp } from '../../helpers/test-app.js';

/** Monday 09:00 after ISO week 2026-W48 (Nov 23–29); the app's clock for the whole scenario. */
export const NOW = '2026-11-30T09:00:00+08:00';

/** What a group-post test needs of a platform: signed callbacks in, what the platform shows out. */
export interface GroupDriver {
  t(): TestApp;
  /** A signed group message that @mentions the bot, handled; the bot's text answers in the group. */
  sayInGroup(employeeNo: string, chatId: string, text: string): Promise<string[]>;
  /** A signed 1:1 message to the bot, handled. */
  sayDirect(employeeNo: string, text: string): Promise<void>;
  /** The cards the bot posted into the group (not replies), as the platform holds them now. */
  groupCards(chatId: string): { messageId: string; text: string }[];
  /** A signed 点赞 click by this person; the card text the platform shows afterwards. */
  like(employeeNo: string, chatId: string, card: { messageId: string; text: string }): Promise<string>;
  removeBot(chatId: string): void;
  addBot(chatId: string): void;
  /** Texts the bot sent to this person directly. */
  textsTo(employeeNo: string): string[];
}

/** Sends everything the outbox has due. */
export async function deliverAll(t: TestApp): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    const counts = await t.app.botDeps.outbox.tick(500);
    if (counts.sent + counts.retried + counts.failed === 0) return;
  }
}

/** Week 48 scores: four reps with payments of descending size (S101 most), S105 with nothing. */
export async function seedWeek(t: TestApp): Promise<void> {
  const amounts: [string, number][] = [
    ['S101', 9_000_000],
    ['S102', 6_000_000],
    ['S103', 3_000_000],
    ['S104', 500_000],
  ];
  for (const [employeeNo, fen] of amounts) {
    const rep = await kpiRecords(t.db, employeeNo);
    const customer = await rep.customer();
    const deal = await rep.deal(customer, fen, 'won', '2026-11-24');
    await rep.payment(deal, customer, fen, '2026-11-25');
    await rep.visits([customer], 3, '2026-11-24', 'located');
  }
}

export const postIdOf = (card: { text: string }): string => /post\\*"\s*:\s*\\*"(\d+)/.exec(card.text)?.[1] ?? '';

/** The whole journey, the same on every platform. */
export async function groupJourney(d: GroupDriver, chat: string): Promise<void> {
  const t = d.t();
  const { customers, groupBinds, outbox } = tablesOf(t.db);
  d.addBot(chat);

  // A rep may not bind; the team's manager may.
  expect((await d.sayInGroup('S101', chat, '绑定群 华东一组')).join()).toContain('只有该部门的经理或管理员可以绑定或解绑群');
  expect(await t.db.select().from(groupBinds)).toHaveLength(0);
  expect((await d.sayInGroup('S100', chat, '绑定群 华东一组')).join()).toContain('已将本群绑定到 华东一组：每周一发布前 5 名排行，成交 ≥ 5万 发喜报');
  expect(await t.db.select().from(groupBinds)).toMatchObject([{ chatId: chat, topN: 5, winPosts: true }]);

  // The weekly post: top N at or above the median; S102 switched their own card off and still appears.
  await seedWeek(t);
  await createNotificationPreferenceRepository(t.db).setWeeklyCard(await userIdOf(t.db, 'S102'), false, t.clock.now);
  const run = await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: t.clock.now });
  expect(run).toMatchObject({ status: 'succeeded', result: { details: { groupPosts: 1 } } });
  await deliverAll(t);
  const [ranking] = d.groupCards(chat);
  expect(ranking?.text).toContain('华东一组 · 2026-W48 周排行');
  expect(ranking?.text).toContain('张三');
  expect(ranking?.text).toContain('李四');
  // S103's 30 000 and S104's 5 000 are below the team median; S105 and 王经理 have no data.
  for (const below of ['赵敏', '钱多多', '孙悦', '王经理']) expect(ranking?.text).not.toContain(below);
  // A re-run posts nothing twice.
  await t.app.jobs.run('weekly-report', { trigger: 'manual', now: t.clock.now + 60_000, periodKey: '2026-W48', force: true });
  await deliverAll(t);
  expect(d.groupCards(chat)).toHaveLength(1);

  // 喜报: a deal ≥ ¥50,000 by S101 on a confidential customer; two people like it, one of them twice.
  const customer = await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  // The team's manager marks it confidential in chat (保密): the 喜报 shows the masked name.
  await d.sayDirect('S100', '保密 华为');
  expect((await t.db.select({ confidential: customers.confidential }).from(customers).where(eq(customers.id, customer.id)))[0]).toEqual({ confidential: true });
  await d.sayDirect('S101', '成交 华为 8.5万');
  await deliverAll(t);
  const win = d.groupCards(chat)[1];
  // The customer is confidential: its first character, then a mask (escaped by each renderer).
  expect(win?.text).toContain('恭喜 **张三** 签下 **华');
  expect(win?.text).not.toContain('华为');
  expect(win?.text).toContain('8.5万');
  expect(win?.text).toContain('本月团队已成交');
  expect(await d.like('S102', chat, win!)).toContain('👍 1 人点赞');
  expect(await d.like('S103', chat, win!)).toContain('👍 2 人点赞');
  expect(await d.like('S102', chat, win!)).toContain('👍 2 人点赞');

  // Undo within the window retracts the 喜报: the same card now says so.
  t.clock.advance(60_000);
  await d.sayDirect('S101', '撤销');
  await deliverAll(t);
  expect(d.groupCards(chat)[1]?.text).toContain('这笔成交已被撤销，喜报撤回。');
  // A deal under the threshold is not announced.
  await d.sayDirect('S101', '成交 华为 4.9万');
  await deliverAll(t);
  expect(d.groupCards(chat)).toHaveLength(2);
  // An opportunity edited into 赢单 (its card's 编辑 form runs updateOpportunity) is announced like a 成交;
  // saving the won deal again announces nothing more.
  await d.sayDirect('S101', '商机 华为 12万 方案报价');
  const { deals } = tablesOf(t.db);
  const [opportunity] = await t.db.select({ id: deals.id, stage: deals.stage }).from(deals).orderBy(desc(deals.id)).limit(1);
  expect(opportunity?.stage).toBe('proposal');
  const repUser = (await t.app.botDeps.org.getUser(await userIdOf(t.db, 'S101')))!;
  const repActor: Actor = { user: repUser, scope: await t.app.botDeps.org.dataScopeOf(repUser), locale: 'zh', source: 'feishu', now: t.clock.now };
  await updateOpportunity(t.app.botDeps, repActor, { id: opportunity!.id, values: { stage: 'won' } });
  await deliverAll(t);
  expect(d.groupCards(chat)).toHaveLength(3);
  expect(d.groupCards(chat)[2]?.text).toContain('12万');
  await updateOpportunity(t.app.botDeps, repActor, { id: opportunity!.id, values: { stage: 'won', title: '方案报价（已签）' } });
  await deliverAll(t);
  expect(d.groupCards(chat)).toHaveLength(3);

  // The bot is removed: the next post fails for good, and the admin is told once.
  d.removeBot(chat);
  await d.sayDirect('S101', '成交 华为 20万');
  await deliverAll(t);
  const failed = await t.db.select().from(outbox).where(eq(outbox.status, 'failed'));
  expect(failed).toHaveLength(1);
  expect(failed[0]?.idempotencyKey).toMatch(/^group-win:/);
  expect(failed[0]?.attempts).toBe(1);
  await d.sayDirect('S101', '成交 华为 30万');
  await deliverAll(t);
  const notices = d.textsTo('A001').filter((x) => x.includes('群消息发送失败'));
  expect(notices).toHaveLength(1);
  expect(notices[0]).toContain('华东一组');

  // Bound again, then unbound: nothing more is posted.
  d.addBot(chat);
  expect((await d.sayInGroup('S100', chat, '绑定群 华东一组')).join()).toContain('已将本群绑定到');
  expect((await d.sayInGroup('S100', chat, '解绑群')).join()).toContain('已解除本群与 华东一组 的绑定');
  const before = d.groupCards(chat).length;
  await d.sayDirect('S101', '成交 华为 60万');
  await t.app.jobs.run('weekly-report', { trigger: 'manual', now: t.clock.now, periodKey: '2026-W47' });
  await deliverAll(t);
  expect(d.groupCards(chat)).toHaveLength(before);
  expect(await t.db.select().from(groupBinds)).toHaveLength(0);
}

/**
 * Undo before the 喜报 is out: a post still pending is withdrawn (the group never sees it); a post a
 * sender had claimed when it crashed goes out on takeover and is then replaced by the 撤回 card.
 */
export async function undoBeforeSent(d: GroupDriver, chat: string): Promise<void> {
  const t = d.t();
  const { outbox } = tablesOf(t.db);
  d.addBot(chat);
  expect((await d.sayInGroup('S100', chat, '绑定群 华东一组')).join()).toContain('已将本群绑定到 华东一组');
  await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });

  await d.sayDirect('S101', '成交 华为 8.5万');
  const [pending] = await t.db.select().from(outbox).where(like(outbox.idempotencyKey, 'group-win:%'));
  expect(pending).toMatchObject({ status: 'pending', attempts: 0 });
  t.clock.advance(60_000);
  await d.sayDirect('S101', '撤销');
  await deliverAll(t);
  t.clock.advance(10 * 60_000);
  await deliverAll(t);
  expect(d.groupCards(chat)).toHaveLength(0);
  expect((await t.db.select().from(outbox).where(eq(outbox.idempotencyKey, pending!.idempotencyKey)))[0]).toMatchObject({ status: 'withdrawn', attempts: 0, sentAt: null });

  // A sender claims the post and dies before it is sent; the deal is undone meanwhile.
  await d.sayDirect('S101', '成交 华为 9万');
  const key = (await t.db.select().from(outbox).where(and(like(outbox.idempotencyKey, 'group-win:%'), eq(outbox.status, 'pending'))))[0]!.idempotencyKey;
  const leaseMs = t.app.botDeps.outbox.settings.leaseMs;
  expect(await createOutboxStore(t.db).claimDue({ now: t.clock.now, leaseMs, limit: 1, onlyKey: key })).toHaveLength(1);
  t.clock.advance(60_000);
  await d.sayDirect('S101', '撤销');
  expect((await t.db.select().from(outbox).where(eq(outbox.idempotencyKey, `${key}:retracted`)))[0]).toMatchObject({ status: 'pending', target: { kind: 'message-of', idempotencyKey: key } });
  // The lease runs out: the post is taken over and sent, then its card is replaced.
  t.clock.advance(leaseMs);
  await deliverAll(t);
  t.clock.advance(t.app.botDeps.outbox.settings.baseDelayMs);
  await deliverAll(t);
  const cards = d.groupCards(chat);
  expect(cards).toHaveLength(1);
  expect(cards[0]?.text).toContain('这笔成交已被撤销，喜报撤回。');
  expect((await t.db.select().from(outbox).where(eq(outbox.idempotencyKey, `${key}:retracted`)))[0]).toMatchObject({ status: 'sent', attempts: 1 });
}
