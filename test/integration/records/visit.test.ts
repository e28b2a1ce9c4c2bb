import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { findButton, replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { auditRows, buttonAction, cardOf, formOf, seedCustomer, userIdOf } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('拜访 / visit through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  it('logs a visit with date, kind, notes and next step, and confirms it with edit and undo', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('拜访 华为 昨天 电话 聊了采购计划 下周三报价');
    const card = cardOf(reply);
    expect(card.template).toBe('record-saved');
    const text = replyText(reply!);
    expect(text).toContain('已记录拜访');
    expect(text).toContain('客户: 华为技术有限公司');
    expect(text).toContain('日期: 2026-11-26');
    expect(text).toContain('方式: 电话');
    expect(text).toContain('下一步日期: 2026-12-02');
    expect(findButton(card, '编辑').action.command).toBe('visit.edit');
    expect(findButton(card, '撤销').action.command).toBe('undo.entry');

    const rows = await rowsInIdOrder(t.db, 'visits');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      repUserId: await userIdOf(t.db, 'S101'),
      visitDate: '2026-11-26',
      kind: 'phone',
      notes: '聊了采购计划',
      nextStep: '下周三报价',
      nextStepDue: '2026-12-02',
      source: 'chat',
    });
    const audit = (await auditRows(t.db, 'visit'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'visit.create', source: 'sandbox', actorUserId: await userIdOf(t.db, 'S101') });
  });

  it('understands the command word typed without a space ("拜访华为 …")', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('拜访华为 聊了预算');
    expect(replyText(reply!)).toContain('已记录拜访');
    expect(await rowsInIdOrder(t.db, 'visits')).toMatchObject([{ notes: '聊了预算' }]);
  });

  it('refuses a visit dated in the future and stores nothing', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('拜访 华为 12月5日 见了李总');
    expect(replyText(reply!)).toBe('输入有误：拜访日期 2026-12-05 在今天之后，请填写已经发生的日期');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
  });

  it('opens a form when the customer is missing, and the submitted form stores the visit', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('拜访');
    const card = cardOf(reply);
    expect(card.template).toBe('record-form');
    const form = formOf(card);
    expect(form.inputs.find((i) => i.name === 'visitDate')?.value).toBe('2026-11-27');
    const res = await chat.click(reply, form.submit.action, { customer: '华为', visitDate: '2026-11-25', kind: 'video', notes: '演示产品' });
    expect(res.toast?.kind).toBe('success');
    expect(await rowsInIdOrder(t.db, 'visits')).toMatchObject([{ visitDate: '2026-11-25', kind: 'video', notes: '演示产品', source: 'card' }]);
  });

  it('asks before creating an unknown customer; nothing is written until the click, then once', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('拜访 小米科技 聊了合作');
    const card = cardOf(reply);
    expect(card.template).toBe('choice');
    expect(replyText(reply!)).toContain('没有找到客户「小米科技」');
    expect(await rowsInIdOrder(t.db, 'customers')).toHaveLength(1);
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);

    const submit = formOf(card).submit.action;
    const first = await chat.click(reply, submit, { salesChannel: '1', region: '北京' });
    const again = await chat.click(reply, submit, { salesChannel: '1', region: '北京' });
    expect(first.toast?.kind).toBe('success');
    expect(again.toast?.kind).toBe('info');
    expect((await rowsInIdOrder(t.db, 'customers')).map((c) => c.name)).toEqual(['华为技术有限公司', '小米科技']);
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(1);
  });

  it('a 60-character unknown customer still gets a valid card (labels cut to fit)', async () => {
    const name = '长'.repeat(56) + '有限公司';
    const [reply] = await sandboxChat(t.app, 'S101').say(`拜访 ${name} 聊了`);
    const card = cardOf(reply);
    expect(formOf(card).submit.label.length).toBeLessThanOrEqual(40);
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
  });

  it('offers "did you mean" for a near match and stores once on confirm', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('拜访 华为技朮 送样品');
    const card = cardOf(reply);
    expect(replyText(reply!)).toContain('你是指这个客户吗');
    const pick = buttonAction(card, '是「华为技术有限公司」');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
    await chat.click(reply, pick);
    await chat.click(reply, pick);
    expect(await rowsInIdOrder(t.db, 'visits')).toMatchObject([{ notes: '送样品' }]);
  });
});
