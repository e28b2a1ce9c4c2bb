import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { seedCustomer } from '../../helpers/records.js';

describe('完整度 through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('shows my share against the default required fields and what to fill in', async () => {
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'], region: '深圳' });
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('客户 小米科技 直销 北京');
    await chat.say('联系人 华为 李总 采购经理 13812345678');
    await chat.say('联系人 华为 王工');
    await chat.say('商机 华为 50万 ERP 12月31日');
    await chat.say('成交 华为 5万');
    const [reply] = await chat.say('完整度');
    const text = replyText(reply!);
    // Customers: neither has an industry (0/2); contacts 1/2; deals: the won deal has no title (1/2): 2 of 6.
    expect(text).toContain('张三：33%（客户 0/2，联系人 1/2，商机 1/2）');
    expect(text).toContain('客户「华为技术有限公司」缺：行业');
    expect(text).toContain('客户「小米科技」缺：行业');
    expect(text).toContain('联系人「华为技术有限公司 王工」缺：职务、电话');
    expect(text).toMatch(/商机「#\d+ 华为技术有限公司」缺：项目\/产品/);
  });

  it('a manager also sees one line per team member, weakest first; no other team', async () => {
    await seedCustomer(t.db, { name: '华为', owner: 'S101', region: '深圳' });
    await seedCustomer(t.db, { name: '腾讯', owner: 'S201', region: '深圳' });
    const [reply] = await sandboxChat(t.app, 'S100').say('完整度');
    const text = replyText(reply!);
    expect(text).toContain('张三：0%（客户 0/1，联系人 0/0，商机 0/0）');
    expect(text).toContain('王经理：100%');
    expect(text).not.toContain('刘洋');
    const members = text.split('\n').filter((l) => l.includes('%')).length;
    expect(members).toBe(6);
  });
});

describe('required fields are configurable by an admin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const call = (method: 'GET' | 'PUT', payload?: unknown) =>
    t.app.inject({ method, url: '/admin/required-fields', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, ...(payload ? { payload } : {}) });

  it('lists the defaults, replaces them, refuses unknown fields, and completeness follows', async () => {
    expect((await call('GET')).json()).toEqual({ customer: ['salesChannel', 'region', 'industry'], contact: ['title', 'phone'], deal: ['title', 'expectedCloseDate'] });
    expect((await call('PUT', { customer: ['shoeSize'], contact: [], deal: [] })).statusCode).toBe(400);
    const res = await call('PUT', { customer: ['region'], contact: [], deal: [] });
    expect(res.json()).toEqual({ customer: ['region'], contact: [], deal: [] });

    await seedCustomer(t.db, { name: '华为', owner: 'S101', region: '深圳' });
    const [reply] = await sandboxChat(t.app, 'S101').say('完整度');
    expect(replyText(reply!)).toContain('张三：100%（客户 1/1，联系人 0/0，商机 0/0）');
  });
});
