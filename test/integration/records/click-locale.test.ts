import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';

describe('clicks keep the language the person typed in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  it('a Chinese profile typing "visit": the quick button, the form and its submit all answer in English', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('拜访 华为 聊了预算');
    const [menu] = await chat.say('visit');
    const picked = await chat.click(menu, buttonAction(cardOf(menu), '华为技术有限公司'));
    const formCard = cardOf(picked.messages[0]);
    const form = formOf(formCard);
    expect(form.inputs.find((i) => i.name === 'customer')?.label).toBe('Customer');
    expect(replyText(picked.messages[0]!)).not.toContain('客户');

    const values = Object.fromEntries(form.inputs.map((i) => [i.name, i.value ?? '']));
    const saved = await chat.click(picked.messages[0], form.submit.action, { ...values, notes: 'samples' });
    expect(saved.toast?.text).toBe('visit recorded ✓');
  });

  it('the same profile typing 拜访 gets Chinese buttons, as before', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('拜访 华为 聊了预算');
    const [menu] = await chat.say('拜访');
    const picked = await chat.click(menu, buttonAction(cardOf(menu), '华为技术有限公司'));
    expect(formOf(cardOf(picked.messages[0])).inputs.find((i) => i.name === 'customer')?.label).toBe('客户');
    expect(buttonAction(cardOf(menu), '华为技术有限公司').args.lang).toBeUndefined();
  });
});
