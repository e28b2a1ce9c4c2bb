import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import { cardToText, type CardModel } from '../../src/domain/card-model.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { findButton, replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * 张三 (S101) in November 2026, scored with the shipped default template (its visits checked in on
 * location and its surveys answered by customers, which is what that template counts)
 * (weights 30/25/15/10/10/10; payments gate 50%; deductions 2 per unresolved complaint):
 *   回款额  5万 (paid 11-01) + 3.2万 (paid 11-30) = 8.2万 / 10万 = 82% → 82 × 30% = 24.6
 *           (the 1万 paid 10-31 belongs to October)
 *   签约额  3 won × 5万 = 15万 / 15万 = 100% → 25
 *   拜访    30 visits / 40 = 75% → 11.25
 *   新增客户 created 11-01 00:00:00 and 11-30 23:59:59 (+08:00) = 2 (the one at 10-31 23:59:59 is
 *           October's) → 2 / 8 = 25% → 2.5
 *   赢单率  3 won / (3 + 7 lost) = 30% / 30% → 100 → 10
 *   满意度  (4 + 5) / 2 = 4.5 → tier ≥ 4.5 → 100 → 10
 *   weighted = 24.6 + 25 + 11.25 + 2.5 + 10 + 10 = 83.35
 *   未解决投诉 1 × 2 = −2 (the other complaint was closed inside November)
 *   total = 81.35 → B
 */
async function seedZhang(app: TestApp): Promise<void> {
  const zhang = await kpiRecords(app.db, 'S101');
  const old = await zhang.customer('2026-10-31T23:59:59+08:00');
  const first = await zhang.customer('2026-11-01T00:00:00+08:00');
  const last = await zhang.customer('2026-11-30T23:59:59+08:00');
  const others = await zhang.customers(9, '2026-09-15T10:00:00+08:00');
  await zhang.visits([old, first, last, ...others], 30, '2026-11-15', 'located');
  const won = [await zhang.deal(old, 5_000_000, 'won'), await zhang.deal(first, 5_000_000, 'won'), await zhang.deal(last, 5_000_000, 'won')];
  for (let i = 0; i < 7; i += 1) await zhang.deal(others[i] as number, 2_000_000, 'lost');
  await zhang.payment(won[0] as number, old, 1_000_000, '2026-10-31');
  await zhang.payment(won[0] as number, old, 5_000_000, '2026-11-01');
  await zhang.payment(won[1] as number, first, 3_200_000, '2026-11-30');
  await zhang.survey(old, 4, '2026-11-20', 'customer');
  await zhang.survey(first, 5, '2026-11-20', 'customer');
  await zhang.complaint(old, '2026-11-03T09:00:00+08:00', '2026-11-03');
  await zhang.complaint(first, '2026-11-04T09:00:00+08:00', '2026-11-04', '2026-11-05T09:00:00+08:00');
}

/** 李四 (S102): a stronger month — everything at 120% or the top tier. */
async function seedLi(app: TestApp): Promise<void> {
  const li = await kpiRecords(app.db, 'S102');
  const customers = await li.customers(10, '2026-11-02T10:00:00+08:00');
  await li.visits(customers, 50, '2026-11-15', 'located');
  const deal = await li.deal(customers[0] as number, 20_000_000, 'won');
  await li.payment(deal, customers[0] as number, 12_000_000, '2026-11-12');
  await li.survey(customers[0] as number, 5, '2026-11-20', 'customer');
}

const cardOf = (messages: { payload: unknown }[]): CardModel => {
  const reply = messages.at(-1)?.payload as { type: string; card?: CardModel };
  expect(reply.type).toBe('card');
  return reply.card as CardModel;
};

describe('KPI commands in the sandbox chat', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await seedZhang(app);
    await seedLi(app);
  });
  afterAll(async () => app.close());

  it('业绩 shows one line per indicator; 如何计算 opens the formulas and the total computed on paper', async () => {
    const chat = sandboxChat(app.app, 'S101');
    const messages = await chat.say('业绩');
    const text = replyText(messages.at(-1)!);
    expect(text).toContain('张三 的业绩 · 2026-11');
    expect(text).toContain('**回款额** 8.2万 / 10万 · 82% · 24.6 分 · 权重 30%');
    expect(text).toContain('**签约额** 15万 / 15万 · 100% · 25 分 · 权重 25%');
    expect(text).toContain('**拜访次数** 30 / 40 · 75% · 11.25 分 · 权重 15%');
    expect(text).toContain('**客户满意度** 4.5 · 档位 100 · 10 分 · 权重 10%');
    expect(text).toContain('**未解决投诉** 1 · −2 分');
    expect(text).toContain('总分: 81.35');
    // 李四 and 张三 are the team's only reps with data: the others are listed apart, not ranked.
    expect(text).toContain('组内排名: 第 2 / 2 名');
    expect(text).toContain('本期尚未结束');
    // Each indicator once: the formulas wait behind the button.
    expect(text).not.toContain('得分 82 × 权重 30%');
    expect(text.split('\n').filter((l) => l.includes('回款额'))).toHaveLength(1);

    const { action } = findButton(cardOf(messages), '如何计算');
    const opened = await chat.click(messages.at(-1), { command: action.command, args: action.args ?? {} });
    const explained = cardToText(opened.card!);
    expect(explained).toContain('回款额 8.2万 / 目标 10万 = 82%，得分 82 × 权重 30% = 24.6');
    expect(explained).toContain('签约额 15万 / 目标 15万 = 100%，得分 100 × 权重 25% = 25');
    expect(explained).toContain('拜访次数 30 / 目标 40 = 75%，得分 75 × 权重 15% = 11.25');
    expect(explained).toContain('新增客户 2 / 目标 8 = 25%，得分 25 × 权重 10% = 2.5');
    expect(explained).toContain('赢单率 30% / 目标 30% = 100%，得分 100 × 权重 10% = 10');
    expect(explained).toContain('客户满意度 4.5 达到「≥ 4.5」档，得分 100 × 权重 10% = 10');
    expect(explained).toContain('未解决投诉 1 × 每个扣 2 分 = 扣 2 分');
    expect(explained).toContain('总分 = 加权得分 83.35 + 加分 0 − 扣分 2 = 81.35，等级 B');

    const hide = findButton(opened.card!, '收起计算').action;
    const closed = await chat.click(messages.at(-1), { command: hide.command, args: hide.args ?? {} });
    expect(cardToText(closed.card!)).not.toContain('得分 82 × 权重 30%');
    expect(findButton(closed.card!, '如何计算').typed).toBe('业绩 2026-11 如何计算');
  });

  it('业绩 上月 如何计算 (typed, as DingTalk offers it): win rate and satisfaction have no data and drop out, said once', async () => {
    const text = replyText((await sandboxChat(app.app, 'S101').say('业绩 上月 如何计算')).at(-1)!);
    expect(text).toContain('2026-10');
    // The card shows the configured weights; the two lines without data say so once, and one line
    // says the others were scaled up.
    expect(text).toContain('**回款额** 1万 / 10万 · 10% · 0 分 · 权重 30%');
    expect(text).toContain('**赢单率** 无数据，本期不计 · 权重 10%');
    expect(text).toContain('**客户满意度** 无数据，本期不计 · 权重 10%');
    expect(text).toContain('赢单率、客户满意度 本期不计，其余指标的权重按比例放大');
    expect(text.match(/无数据，本期不计/g)).toHaveLength(2);
    // Those two lines (weight 20) are left out, so the payment line's share is 30 / 80 = 37.5%.
    expect(text).toContain('回款额 1万 / 目标 10万 = 10%，低于门槛 50%，得分 0 × 权重 37.5% = 0');
    expect(text).toContain('新增客户 1 / 目标 8');
  });

  it('the 上一期 button replaces the card with the previous period', async () => {
    const chat = sandboxChat(app.app, 'S101');
    const messages = await chat.say('业绩 2026-11');
    const card = cardOf(messages);
    const { action } = findButton(card, '上一期');
    const response = await chat.click(messages.at(-1), { command: action.command, args: action.args ?? {} });
    expect(response.card?.title).toBe('张三 的业绩 · 2026-10');
  });

  it('refuses a period it cannot read, in Chinese first', async () => {
    const text = replyText((await sandboxChat(app.app, 'S101').say('业绩 2026-13')).at(-1)!);
    expect(text).toBe('输入有误：看不懂周期「2026-13」，可以写 本周、本月、上月、本季度 或 2026-11、2026-W48、2026-Q4');
  });

  it('a rep sees the top 3 of the team and their own rank only', async () => {
    const text = replyText((await sandboxChat(app.app, 'S101').say('排行')).at(-1)!);
    expect(text).toContain('排行 · 2026-11 · 华东一组');
    // 李四: 36 (payments 120%) + 30 (revenue capped) + 18 (visits capped) + 12.5 (new customers 125%)
    //       + 12 (1 won, 0 lost: capped) + 10 (satisfaction 5) = 118.5 → S
    expect(text).toMatch(/^1\. 李四 118\.5 分 S$/m);
    expect(text).toMatch(/^\*\*2\. 张三 81\.35 分 B\*\* 👈$/m);
    expect(text).toContain('你：第 2 / 2 名，81.35 分，等级 B');
    // Only the reps with data are ranked; a rep is not shown the names of those without.
    const rows = text.split('\n').filter((l) => /^(\*\*)?\d+\. /.test(l));
    expect(rows).toHaveLength(2);
    expect(text).not.toContain('不参与排名');
    expect(text).not.toContain('强制分布');
  });

  it('a manager sees the whole team and the forced-distribution reminder', async () => {
    const text = replyText((await sandboxChat(app.app, 'S100').say('排行 本月')).at(-1)!);
    expect(text).toContain('排行 · 2026-11 · 本组');
    for (const name of ['李四', '张三', '赵敏', '钱多多', '孙悦']) expect(text).toContain(name);
    expect(text).not.toContain('刘洋'); // another team
    // Six reps in the team (王经理 has the rep role too), a team under 10: S ≤ 10% allows ⌈0.6⌉ = 1, so
    // 李四's S is within it; D ≥ 5% requires ⌊0.3⌋ = 0. Grades listed best first.
    expect(text).toMatch(/等级分布：S 1 · .*D \d+，符合强制分布要求。/);
    expect(text).not.toContain('强制分布提醒');
    expect(text).toMatch(/^1\. 李四 118\.5 分 S$/m);
    expect(text).toMatch(/^2\. 张三 81\.35 分 B$/m);
    // The reps without records are listed apart, unranked, not as "3. 赵敏 0 分 D".
    expect(text).toMatch(/^本期无数据，不参与排名：.*赵敏/m);
    expect(text).not.toMatch(/^\d+\. 赵敏/m);
    expect(text).toContain('排名规则：总分（两位小数）高者在前；同分比较主指标（回款额）得分；仍相同则并列。');
  });

  it('HR sees the whole org', async () => {
    // A slash command is answered in English (issue 16).
    const text = replyText((await sandboxChat(app.app, 'H001').say('/rank')).at(-1)!);
    expect(text).toContain('whole org');
    expect(text).toContain('刘洋');
    expect(text).toContain('张三');
  });

  it('目标 shows my targets, prorated for a rep who joined on the 10th', async () => {
    const mine = replyText((await sandboxChat(app.app, 'S101').say('目标')).at(-1)!);
    expect(mine).toContain('**回款额** 目标 10万 · 权重 30%，门槛 50%，封顶 120%');
    expect(mine).toContain('**未解决投诉** 每个扣 2 分，最多 10 分');

    const { users } = tablesOf(app.db);
    await app.db.update(users).set({ joinedOn: '2026-11-10' }).where(eq(users.employeeNo, 'S105'));
    const sun = replyText((await sandboxChat(app.app, 'S105').say('目标')).at(-1)!);
    expect(sun).toContain('**回款额** 目标 7万'); // 10万 × 21/30
    expect(sun).toContain('**拜访次数** 目标 28'); // 40 × 21/30
    expect(sun).toContain('你在本期在岗 21/30 天');
  });

  it('业绩 本周 scales the monthly targets to the week', async () => {
    const text = replyText((await sandboxChat(app.app, 'S101').say('业绩 本周')).at(-1)!);
    expect(text).toContain('2026-W48');
    // 10万 × 7/30 = 2.33万 and 40 × 7/30 = 9.33 visits (rounded half-up for display)
    expect(text).toContain('**回款额** 0元 / 2.33万');
    expect(text).toContain('**拜访次数** 0 / 9.33');
    // A fractional count goal: no S/D, the card shows pace instead.
    expect(text).toContain('等级: 目标含小数，不评 S/D');
    expect(text).toContain('进度落后');
    const explained = replyText((await sandboxChat(app.app, 'S101').say('业绩 本周 如何计算')).at(-1)!);
    expect(explained).toContain('目标按考核周期的 7/30 天折算：10万 → 2.33万');
  });

  it('tells someone without the rep role that they are not assessed', async () => {
    const text = replyText((await sandboxChat(app.app, 'H001').say('业绩')).at(-1)!);
    expect(text).toBe('你不在考核范围内（没有业务员角色或没有适用的考核模板）。');
  });
});
