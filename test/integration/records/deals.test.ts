import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { auditRows, buttonAction, cardOf, formOf, seedCustomer, userIdOf } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('成交 / 商机 / 阶段 / 回款 through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'], salesChannel: '经销商' });
  });
  afterEach(async () => t.close());

  it('成交 stores a won deal in exact fen with the customer sales channel and a stage history row', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('成交 华为 1.2万 服务器 昨天');
    expect(replyText(reply!)).toContain('已记录成交');
    expect(replyText(reply!)).toContain('金额: ¥12,000.00');
    const [deal] = await rowsInIdOrder(t.db, 'deals');
    expect(deal).toMatchObject({ amountFen: 1_200_000, stage: 'won', wonOn: '2026-11-26', title: '服务器', repUserId: await userIdOf(t.db, 'S101') });
    expect(deal?.salesChannelId).not.toBeNull();
    expect(await rowsInIdOrder(t.db, 'dealStageHistory')).toMatchObject([{ dealId: deal!.id, fromStage: null, toStage: 'won' }]);
    expect((await auditRows(t.db, 'deal')).map((r) => r.action)).toEqual(['deal.create']);
  });

  it.each([
    ['成交 华为 -5万', '输入有误：金额「-5万」不能为负数'],
    ['成交 华为 2亿', '输入有误：金额「2亿」超过单笔上限 ¥100,000,000.00，请检查是否多打了 0'],
    ['成交 华为 0', '输入有误：金额「0」必须大于 0'],
    ['成交 华为 5万 明天', '输入有误：成交日期 2026-11-28 在今天之后，请填写已经发生的日期'],
  ])('%s is refused and nothing is stored', async (text, expected) => {
    const [reply] = await sandboxChat(t.app, 'S101').say(text);
    expect(replyText(reply!)).toBe(expected);
    expect(await rowsInIdOrder(t.db, 'deals')).toHaveLength(0);
  });

  it('the ceiling comes from MAX_AMOUNT_YUAN', async () => {
    await t.close();
    t = await createTestApp({ env: { MAX_AMOUNT_YUAN: '100000' } });
    await seedCustomer(t.db, { name: '华为', owner: 'S101' });
    const [reply] = await sandboxChat(t.app, 'S101').say('成交 华为 20万');
    expect(replyText(reply!)).toContain('超过单笔上限 ¥100,000.00');
    expect(await rowsInIdOrder(t.db, 'deals')).toHaveLength(0);
  });

  it('成交 without an amount opens a form pre-filled with the customer', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('成交 华为');
    const form = formOf(cardOf(reply));
    expect(form.inputs.find((i) => i.name === 'customer')?.value).toBe('华为');
    const bad = await chat.click(reply, form.submit.action, { customer: '华为', amount: '-3万' });
    expect(bad.toast).toEqual({ kind: 'error', text: '输入有误：金额「-3万」不能为负数' });
    expect(await rowsInIdOrder(t.db, 'deals')).toHaveLength(0);
    const good = await chat.click(reply, form.submit.action, { customer: '华为', amount: '三万', wonOn: '2026-11-27' });
    expect(good.toast?.kind).toBe('success');
    expect(await rowsInIdOrder(t.db, 'deals')).toMatchObject([{ amountFen: 3_000_000, source: 'card' }]);
  });

  it('商机 then 阶段 moves it through the pipeline with history; 输单 keeps the reason', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [created] = await chat.say('商机 华为 50万 方案报价 12月31日 ERP升级');
    expect(replyText(created!)).toContain('阶段: 方案/报价');
    const [moved] = await chat.say('阶段 华为 谈判');
    expect(replyText(moved!)).toContain('方案/报价 → 谈判');
    const [deal] = await rowsInIdOrder(t.db, 'deals');
    const [lost] = await chat.say(`阶段 #${deal!.id} 输单 价格太高`);
    expect(replyText(lost!)).toContain('输单原因: 价格太高');
    expect(await rowsInIdOrder(t.db, 'deals')).toMatchObject([{ stage: 'lost', lostOn: '2026-11-27', lossReason: '价格太高', expectedCloseDate: '2026-12-31', amountFen: 50_000_000 }]);
    expect((await rowsInIdOrder(t.db, 'dealStageHistory')).map((h) => [h.fromStage, h.toStage])).toEqual([
      [null, 'proposal'],
      ['proposal', 'negotiation'],
      ['negotiation', 'lost'],
    ]);
    const [again] = await chat.say(`阶段 #${deal!.id} 谈判`);
    expect(replyText(again!)).toBe(`输入有误：商机 #${deal!.id} 已经是「输单」，不能再改阶段`);
  });

  it('阶段 on a customer with two open deals asks which one, then moves only that one, once', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('商机 华为 50万 ERP');
    await chat.say('商机 华为 8万 培训服务');
    const [reply] = await chat.say('阶段 华为 赢单');
    expect(replyText(reply!)).toContain('有多个进行中的商机');
    const pick = buttonAction(cardOf(reply), '培训服务');
    await chat.click(reply, pick);
    await chat.click(reply, pick);
    const rows = await rowsInIdOrder(t.db, 'deals');
    expect(rows.map((d) => [d.title, d.stage, d.wonOn])).toEqual([
      ['ERP', 'lead', null],
      ['培训服务', 'won', '2026-11-27'],
    ]);
    expect(await rowsInIdOrder(t.db, 'dealStageHistory')).toHaveLength(3);
  });

  it('阶段 for a customer without open deals says how to create one', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('阶段 华为 谈判');
    expect(replyText(reply!)).toBe('输入有误：客户「华为技术有限公司」没有进行中的商机。先发送「商机 华为技术有限公司 金额」新建一个。');
  });

  it('回款 attaches to the won deal that is not fully paid and shows what is paid', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('成交 华为 5万 一期');
    await chat.say('回款 华为 5万');
    await chat.say('成交 华为 3万 二期');
    const [reply] = await chat.say('回款 华为 ¥10,000 11-20');
    expect(replyText(reply!)).toContain('已回款: ¥10,000.00 / ¥30,000.00');
    const [first, second] = await rowsInIdOrder(t.db, 'deals');
    expect((await rowsInIdOrder(t.db, 'payments')).map((p) => [p.dealId, p.amountFen, p.paidOn])).toEqual([
      [first!.id, 5_000_000, '2026-11-27'],
      [second!.id, 1_000_000, '2026-11-20'],
    ]);
  });

  it('回款 without a won deal explains what to do first and stores nothing', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('回款 华为 2万');
    expect(replyText(reply!)).toContain('还没有成交记录');
    expect(await rowsInIdOrder(t.db, 'payments')).toHaveLength(0);
  });
});

describe('errors in the user’s language', () => {
  it('an English-speaking rep gets the English sentence', async () => {
    const t = await createTestApp();
    try {
      const { users } = tablesOf(t.db);
      await t.db.update(users).set({ locale: 'en' }).where(eq(users.employeeNo, 'S102'));
      const [reply] = await sandboxChat(t.app, 'S102').say('成交 华为 5万 明天');
      expect(replyText(reply!)).toBe('Invalid input: the won deal date 2026-11-28 is after today; enter a date that has passed');
    } finally {
      await t.close();
    }
  });
});
