import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { auditRows, buttonAction, cardOf, formOf, seedCustomer, userIdOf } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('客户 / 联系人 through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('seeds the managed channel list at boot', async () => {
    expect((await rowsInIdOrder(t.db, 'salesChannels')).map((c) => c.name)).toEqual(['直销', '经销商/代理', '线上', '展会', '转介绍', '老客户复购']);
  });

  it('客户 with a channel creates it owned by the rep, with aliases and an audit row', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('客户 小米科技有限公司 代理 北京 别名小米');
    expect(replyText(reply!)).toContain('已新建客户「小米科技有限公司」');
    expect(replyText(reply!)).toContain('渠道: 经销商/代理');
    const [row] = await rowsInIdOrder(t.db, 'customers');
    expect(row).toMatchObject({ name: '小米科技有限公司', normalizedName: '小米科技', region: '北京', ownerUserId: await userIdOf(t.db, 'S101'), source: 'chat' });
    expect((await rowsInIdOrder(t.db, 'customerAliases')).map((a) => a.alias)).toEqual(['小米']);
  });

  it.each(['小米科技', '小米科技公司', '小米 科技 有限公司', 'ＸＩＡＯＭＩ', 'xiaomi', '小米'])(
    '"客户 %s" resolves to the existing customer instead of creating a duplicate',
    async (typed) => {
      await seedCustomer(t.db, { name: '小米科技有限公司', owner: 'S101', aliases: ['小米', 'Xiaomi'] });
      const [reply] = await sandboxChat(t.app, 'S101').say(`客户 ${typed.includes(' ') ? `「${typed}」` : typed} 直销`);
      expect(replyText(reply!)).toContain('客户 · 小米科技有限公司');
      expect(await rowsInIdOrder(t.db, 'customers')).toHaveLength(1);
    },
  );

  it.each([
    ['\u041duawei', 'a Cyrillic Н'],
    ['Hua\u200bwei', 'a zero-width space'],
    ['Ｈｕａｗｅｉ', 'full-width letters'],
    ['\u200fHuawei', 'an RTL mark'],
  ])('"客户 %s" (%s) from another team is refused against the existing Huawei instead of copying it', async (typed) => {
    await seedCustomer(t.db, { name: 'Huawei', owner: 'S101' });
    const [reply] = await sandboxChat(t.app, 'S201').say(`客户 ${typed} 直销`);
    expect(replyText(reply!)).toContain('已由其他同事负责');
    expect((await rowsInIdOrder(t.db, 'customers')).map((c) => c.name)).toEqual(['Huawei']);
  });

  it('a new customer is stored as typed minus invisible format characters; its key folds look-alikes', async () => {
    await sandboxChat(t.app, 'S101').say('客户 \u202eМi\u200bkro 直销');
    expect(await rowsInIdOrder(t.db, 'customers')).toMatchObject([{ name: 'Мikro', normalizedName: 'mikro' }]);
  });

  it('客户 without a channel opens a form; submitting it twice creates one customer', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('客户 京东 北京');
    const form = formOf(cardOf(reply));
    expect(form.inputs.find((i) => i.name === 'name')?.value).toBe('京东');
    expect(form.inputs.find((i) => i.name === 'region')?.value).toBe('北京');
    const salesChannel = form.inputs.find((i) => i.name === 'salesChannel')?.options?.find((o) => o.label === '线上')?.value as string;
    await chat.click(reply, form.submit.action, { name: '京东', salesChannel, region: '北京' }, 'evt-a');
    const second = await chat.click(reply, form.submit.action, { name: '京东', salesChannel, region: '北京' }, 'evt-b');
    expect(second.toast?.kind).toBe('info');
    expect(await rowsInIdOrder(t.db, 'customers')).toMatchObject([{ name: '京东', region: '北京', source: 'card' }]);
  });

  it('编辑 on a customer changes channel, region and industry, audited; another team cannot', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [created] = await chat.say('客户 小米科技 直销 北京');
    const edit = await chat.click(created, buttonAction(cardOf(created), '编辑'));
    const card = edit.sent[0];
    const form = formOf(card?.type === 'card' ? card.card : (undefined as never));
    expect(form.inputs.find((i) => i.name === 'region')?.value).toBe('北京');
    const online = form.inputs.find((i) => i.name === 'salesChannel')?.options?.find((o) => o.label === '线上')?.value as string;
    const outsider = await sandboxChat(t.app, 'S201').click(undefined, form.submit.action, { salesChannel: online, region: '深圳' });
    expect(outsider.toast?.text).toBe('没有权限：你不能操作这个客户的记录');
    const res = await chat.click(undefined, form.submit.action, { salesChannel: online, region: '天津', industry: '消费电子' });
    expect(res.card?.title).toBe('客户 · 小米科技');
    expect(await rowsInIdOrder(t.db, 'customers')).toMatchObject([{ region: '天津', industry: '消费电子' }]);
    expect((await auditRows(t.db, 'customer')).map((r) => r.action)).toEqual(['customer.create', 'customer.update']);
  });

  it('a near name offers the existing customer or a new one', async () => {
    await seedCustomer(t.db, { name: '阿里巴巴网络技术有限公司', owner: 'S101', aliases: ['阿里'] });
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('客户 阿里巴巴');
    expect(replyText(reply!)).toContain('你是指这个客户吗');
    const res = await chat.click(reply, buttonAction(cardOf(reply), '阿里巴巴网络技术有限公司'));
    expect(res.card?.title).toBe('客户 · 阿里巴巴网络技术有限公司');
    expect(await rowsInIdOrder(t.db, 'customers')).toHaveLength(1);
  });

  it('联系人 stores the whole phone but every reply masks it', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    const chat = sandboxChat(t.app, 'S101');
    const [added] = await chat.say('联系人 华为 李总 采购经理 138 1234 5678');
    expect(replyText(added!)).toContain('电话: 138****5678');
    expect(replyText(added!)).not.toContain('13812345678');
    expect(await rowsInIdOrder(t.db, 'contacts')).toMatchObject([{ name: '李总', title: '采购经理', phone: '13812345678' }]);

    const [profile] = await chat.say('客户 华为');
    expect(replyText(profile!)).toContain('李总 采购经理 138****5678');
    expect(JSON.stringify(profile!.payload)).not.toContain('13812345678');

    const [visit] = await chat.say('拜访 华为 李总手机13812345678 约了下周');
    expect(replyText(visit!)).toContain('李总手机138****5678');
    expect(JSON.stringify(visit!.payload)).not.toContain('13812345678');
    // The contact named in the notes is linked to the visit.
    const [contact] = await rowsInIdOrder(t.db, 'contacts');
    expect(await rowsInIdOrder(t.db, 'visits')).toMatchObject([{ contactId: contact!.id }]);
  });

  it('联系人 with a malformed phone is refused', async () => {
    await seedCustomer(t.db, { name: '华为', owner: 'S101' });
    const [reply] = await sandboxChat(t.app, 'S101').say('联系人 华为 李总 1381234567');
    expect(replyText(reply!)).toBe('输入有误：电话「1381234567」格式不对，请写 11 位手机号或带区号的座机');
    expect(await rowsInIdOrder(t.db, 'contacts')).toHaveLength(0);
  });

  it('an empty customer is refused with what to fix', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('拜访');
    const form = formOf(cardOf(reply));
    const res = await chat.click(reply, form.submit.action, { customer: '   ', notes: 'x' });
    expect(res.toast).toEqual({ kind: 'error', text: '输入有误：请填写必填项：客户' });
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
  });
});
