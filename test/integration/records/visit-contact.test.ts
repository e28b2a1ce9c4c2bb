import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('"见了谁" on a visit: one of the customer\'s contacts, or a new one', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  const contactNamed = async (name: string) => (await rowsInIdOrder(t.db, 'contacts')).find((c) => c.name === name);
  const lastVisit = async () => (await rowsInIdOrder(t.db, 'visits')).at(-1)!;

  it('the form lists the customer\'s contacts; picking one links it, a new one is created and linked', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('联系人 华为 李总 总经理 13800000000');
    await chat.say('拜访 华为 第一次');
    const [menu] = await chat.say('拜访');
    const opened = await chat.click(menu, buttonAction(cardOf(menu), '华为技术有限公司'));
    const form = formOf(cardOf(opened.messages[0]));
    const picker = form.inputs.find((i) => i.name === 'contact')!;
    expect(picker.options!.map((o) => o.label)).toEqual(['李总（总经理）']);
    expect(form.inputs.map((i) => i.name)).toEqual(expect.arrayContaining(['newContact', 'contactTitle']));
    const values = Object.fromEntries(form.inputs.map((i) => [i.name, i.value ?? '']));

    const saved = await chat.click(opened.messages[0], form.submit.action, { ...values, contact: '李总', notes: '谈预算' });
    expect(saved.toast?.text).toContain('已记录拜访');
    expect((await lastVisit()).contactId).toBe((await contactNamed('李总'))!.id);

    const again = await chat.click(menu, buttonAction(cardOf(menu), '华为技术有限公司'));
    const second = formOf(cardOf(again.messages[0]));
    const fresh = Object.fromEntries(second.inputs.map((i) => [i.name, i.value ?? '']));
    await chat.click(again.messages[0], second.submit.action, { ...fresh, newContact: '王工', contactTitle: '技术总监', notes: '技术交流' });
    const wang = await contactNamed('王工');
    expect(wang).toMatchObject({ title: '技术总监' });
    expect((await lastVisit()).contactId).toBe(wang!.id);
  });

  it('typed: "拜访 华为 见 李总 …" links the contact, and shows it on the saved card', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('联系人 华为 李总 总经理 13800000000');
    const [reply] = await chat.say('拜访 华为 见 李总 聊了预算');
    expect(replyText(reply!)).toContain('见了谁');
    expect(replyText(reply!)).toContain('李总（总经理）');
    expect(await lastVisit()).toMatchObject({ contactId: (await contactNamed('李总'))!.id, notes: '聊了预算' });
  });
});
