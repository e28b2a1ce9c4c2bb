import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer, userIdOf } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('满意度 / 投诉 / 培训 through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  it('满意度 stores the score, NPS and comment per customer and rep', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('满意度 华为 4 响应很快 NPS 9');
    expect(replyText(reply!)).toContain('满意度（1–5）: 4/5');
    expect(await rowsInIdOrder(t.db, 'satisfactionSurveys')).toMatchObject([
      { score: 4, nps: 9, comment: '响应很快', surveyedOn: '2026-11-27', repUserId: await userIdOf(t.db, 'S101') },
    ]);
  });

  it('满意度 out of range is refused; without a score a form asks for it', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [bad] = await chat.say('满意度 华为 6');
    expect(replyText(bad!)).toBe('输入有误：满意度「6」请填 1–5 分');
    const [form] = await chat.say('满意度 华为 很满意');
    const f = formOf(cardOf(form));
    expect(f.inputs.find((i) => i.name === 'comment')?.value).toBe('很满意');
    await chat.click(form, f.submit.action, { customer: '华为', score: '5', nps: '10', comment: '很满意' });
    expect(await rowsInIdOrder(t.db, 'satisfactionSurveys')).toMatchObject([{ score: 5, nps: 10, comment: '很满意', source: 'card' }]);
  });

  it('投诉 records the complaint with its received instant', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('投诉 华为 发货延迟两周');
    expect(replyText(reply!)).toContain('投诉内容: 发货延迟两周');
    expect(await rowsInIdOrder(t.db, 'complaints')).toMatchObject([
      { content: '发货延迟两周', receivedOn: '2026-11-27', receivedAt: Date.parse('2026-11-27T10:00:00+08:00'), respondedAt: null, closedAt: null },
    ]);
  });

  it('投诉处理 stamps the response and closing instants; another team cannot touch it', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('投诉 华为 发货延迟两周');
    const [complaint] = await rowsInIdOrder(t.db, 'complaints');
    const id = complaint!.id;
    t.clock.advance(90 * 60 * 1000);
    const [responded] = await chat.say(`投诉处理 #${id} 已响应`);
    expect(replyText(responded!)).toContain('响应时间: 2026-11-27 11:30');
    const [outsider] = await sandboxChat(t.app, 'S201').say(`投诉处理 #${id} 已关闭`);
    expect(replyText(outsider!)).toBe(`没有找到投诉 #${id}`);
    t.clock.advance(24 * 60 * 60 * 1000);
    await chat.say(`投诉处理 #${id} 已解决`);
    const [again] = await chat.say(`投诉处理 #${id} 关闭`);
    expect(replyText(again!)).toContain('已经是这个状态');
    expect(await rowsInIdOrder(t.db, 'complaints')).toMatchObject([
      { respondedAt: Date.parse('2026-11-27T11:30:00+08:00'), closedAt: Date.parse('2026-11-28T11:30:00+08:00') },
    ]);
  });

  it('培训 stores whole minutes, date and kind', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('培训 大客户销售 1.5h 外训 昨天');
    expect(replyText(reply!)).toContain('课程: 大客户销售');
    await chat.say('培训 产品知识 两个半小时');
    expect((await rowsInIdOrder(t.db, 'trainings')).map((x) => [x.course, x.minutes, x.trainedOn, x.kind])).toEqual([
      ['大客户销售', 90, '2026-11-26', 'external'],
      ['产品知识', 150, '2026-11-27', 'internal'],
    ]);
  });

  it('培训 with a bad duration is refused and stores nothing', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('培训 Excel 30小时');
    expect(replyText(reply!)).toBe('输入有误：时长「30小时」超过 24 小时，请分天记录');
    expect(await rowsInIdOrder(t.db, 'trainings')).toHaveLength(0);
  });

  it('a person who is not in the org is told whom to ask, and nothing is stored', async () => {
    const [reply] = await sandboxChat(t.app, 'X999').say('拜访 华为 聊了预算');
    expect(replyText(reply!)).toContain('请联系 HR 或系统管理员');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
  });

  it('help lists the record commands with examples', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('帮助');
    // The most used six first; the full list is one click away.
    const all = await chat.click(reply, buttonAction(cardOf(reply), '全部命令'));
    const text = replyText({ type: 'card', card: all.card! });
    for (const word of ['拜访 / /visit', '成交 / /deal', '商机 / /opportunity', '阶段 / /stage', '回款 / /payment', '客户 / /customer', '满意度 / /survey', '投诉 / /complaint', '培训 / /training', '我的 / /me', '撤销 / /undo']) {
      expect(text).toContain(word);
    }
    expect(text).toContain('拜访 华为 聊了采购计划');
  });
});
