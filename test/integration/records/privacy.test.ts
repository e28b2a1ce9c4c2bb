import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

/**
 * S101 (华东一组, manager S100) and S201 (华南二组, manager S200) each own a customer. Nobody on one
 * team may read or change the other team's customers or records through any command or card.
 */
describe('privacy: a rep sees and changes only their own records', () => {
  let t: TestApp;
  let snapshot: () => Promise<string>;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    await seedCustomer(t.db, { name: '腾讯科技有限公司', owner: 'S201', aliases: ['腾讯'] });
    const south = sandboxChat(t.app, 'S201');
    await south.say('联系人 腾讯 马总 总监 13900001111');
    await south.say('商机 腾讯 80万 谈判 云服务');
    await south.say('成交 腾讯 20万 一期');
    snapshot = async () => JSON.stringify(await Promise.all((['visits', 'deals', 'payments', 'contacts'] as const).map((name) => rowsInIdOrder(t.db, name))));
  });
  afterEach(async () => t.close());

  it.each([
    '客户 腾讯',
    '客户 腾讯科技',
    '拜访 腾讯 聊了',
    '成交 腾讯 5万',
    '商机 腾讯 5万',
    '阶段 腾讯 赢单',
    '回款 腾讯 1万',
    '满意度 腾讯 1 很差',
    '投诉 腾讯 乱说的',
    '联系人 腾讯 张三 13800000000',
  ])('"%s" from another team is refused without revealing anything', async (text) => {
    const before = await snapshot();
    const replies = await sandboxChat(t.app, 'S101').say(text);
    const all = replies.map((r) => replyText(r)).join('\n');
    expect(all).toContain('已由其他同事负责');
    expect(all).not.toContain('马总');
    expect(all).not.toContain('139');
    expect(await snapshot()).toBe(before);
  });

  it('a deal number from another team answers like a missing deal', async () => {
    const [deal] = await rowsInIdOrder(t.db, 'deals');
    const before = await snapshot();
    const [reply] = await sandboxChat(t.app, 'S101').say(`阶段 #${deal!.id} 输单 抢过来`);
    expect(replyText(reply!)).toBe(`没有找到商机 #${deal!.id}`);
    expect(await snapshot()).toBe(before);
  });

  it('forged card actions with another team’s ids change nothing', async () => {
    const south = sandboxChat(t.app, 'S201');
    const [saved] = await south.say('拜访 腾讯 秘密会谈');
    const card = cardOf(saved);
    const entryId = buttonAction(card, '撤销').args.entryId as string;
    const [tencentDeal] = await rowsInIdOrder(t.db, 'deals');
    const tencentId = String((await rowsInIdOrder(t.db, 'visits'))[0]!.customerId);
    const before = await snapshot();
    const north = sandboxChat(t.app, 'S101');

    const undo = await north.click(undefined, { command: 'undo.entry', args: { entryId } });
    expect(undo.toast?.kind).toBe('error');
    const edit = await north.click(undefined, { command: 'visit.edit', args: { entryId } });
    expect(edit.toast?.text).toBe('没有权限：这条记录不属于你，不能查看或修改');
    const update = await north.click(undefined, { command: 'visit.update', args: { entryId } }, { notes: 'hacked', visitDate: '2026-11-27' });
    expect(update.toast?.kind).toBe('error');
    const pick = await north.click(undefined, { command: 'visit.pick', args: { customerId: tencentId, token: 'forged-1', 'v.customer': 'x', 'v.notes': 'x' } });
    expect(pick.toast?.text).toBe('你不能操作这个客户的记录');
    const stage = await north.click(undefined, { command: 'stage.pick', args: { dealId: String(tencentDeal!.id), stage: 'lost', token: 'forged-2' } });
    expect(stage.toast?.kind).toBe('error');
    const show = await north.click(undefined, { command: 'customer.show', args: { customerId: tencentId } });
    expect(show.toast?.kind).toBe('error');
    expect(show.card).toBeUndefined();
    expect(await snapshot()).toBe(before);
  });

  it('replaying another person’s submission token reveals nothing', async () => {
    const south = sandboxChat(t.app, 'S201');
    const [form] = await south.say('拜访');
    const submit = formOf(cardOf(form)).submit.action;
    await south.click(form, submit, { customer: '腾讯', notes: '机密报价' });
    const before = await snapshot();
    await seedCustomer(t.db, { name: '小米', owner: 'S101' });
    const res = await sandboxChat(t.app, 'S101').click(undefined, submit, { customer: '小米', notes: 'x' });
    expect(res.toast?.kind).toBe('error');
    expect(JSON.stringify(res)).not.toContain('机密报价');
    expect(await snapshot()).toBe(before);
  });

  it('我的 shows only my own records', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('我的');
    expect(replyText(reply!)).toContain('本周还没有记录');
  });

  it('the other team’s manager is refused too; the own manager and HR may act on the team’s customer', async () => {
    const [wrongManager] = await sandboxChat(t.app, 'S100').say('拜访 腾讯 巡店');
    expect(replyText(wrongManager!)).toContain('已由其他同事负责');
    const [ownManager] = await sandboxChat(t.app, 'S200').say('拜访 腾讯 陪访');
    expect(replyText(ownManager!)).toContain('已记录拜访');
    const [hr] = await sandboxChat(t.app, 'H001').say('客户 腾讯');
    expect(replyText(hr!)).toContain('马总 总监 139****1111');
  });

  it('a teammate’s edit of my record is refused, and every write is audited with its source', async () => {
    const [saved] = await sandboxChat(t.app, 'S101').say('拜访 华为 聊了');
    const entryId = buttonAction(cardOf(saved), '编辑').args.entryId as string;
    const res = await sandboxChat(t.app, 'S102').click(undefined, { command: 'visit.edit', args: { entryId } });
    expect(res.toast?.kind).toBe('error');
    const audited = (await rowsInIdOrder(t.db, 'auditLog')).filter((r) => r.entity === 'visit');
    expect(audited.map((r) => [r.action, r.source])).toEqual([['visit.create', 'sandbox']]);
  });
});
