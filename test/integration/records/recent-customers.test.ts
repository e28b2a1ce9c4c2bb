import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('a bare 拜访 offers the rep\'s recent customers', () => {
  let t: TestApp;
  const names = ['甲公司', '乙公司', '丙公司', '丁公司', '戊公司', '己公司'];
  beforeEach(async () => {
    t = await createTestApp();
    for (const name of names) await seedCustomer(t.db, { name, owner: 'S101' });
    await seedCustomer(t.db, { name: '同事的客户', owner: 'S102' });
    await seedCustomer(t.db, { name: '没拜访过的客户', owner: 'S101' });
  });
  afterEach(async () => t.close());

  it('the last 5 visited as buttons (newest first); the customer field picks from recent and own customers', async () => {
    const chat = sandboxChat(t.app, 'S101');
    // Visited oldest first: 甲 (5 days ago) … 己 (today).
    for (const [i, name] of names.entries()) await chat.say(`拜访 ${name} ${5 - i}天前 聊了预算`);
    const [reply] = await chat.say('拜访');
    const card = cardOf(reply);
    const buttons = card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons.map((b) => b.label) : []));
    expect(buttons).toEqual(['己公司', '戊公司', '丁公司', '丙公司', '乙公司']);
    const customer = formOf(card).inputs.find((i) => i.name === 'customer')!;
    expect(customer.kind).toBe('select');
    const options = customer.options!.map((o) => o.label);
    expect(options.slice(0, 5)).toEqual(buttons);
    expect(options.slice(5).sort()).toEqual(['甲公司', '没拜访过的客户'].sort());
    expect(replyText(reply!)).not.toContain('同事的客户');

    // A quick button opens the form with the customer picked; submitting it records the visit.
    const picked = await chat.click(reply, buttonAction(card, '戊公司'));
    const form = formOf(cardOf(picked.messages[0]));
    expect(form.inputs.find((i) => i.name === 'customer')?.value).toBe('戊公司');
    const values = Object.fromEntries(form.inputs.map((i) => [i.name, i.value ?? '']));
    const saved = await chat.click(picked.messages[0], form.submit.action, { ...values, notes: '送样品' });
    expect(saved.toast?.text).toContain('已记录拜访');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(names.length + 1);
  });

  it('a rep with no customers gets a free-text customer field and no buttons', async () => {
    const [reply] = await sandboxChat(t.app, 'S103').say('拜访');
    const card = cardOf(reply);
    expect(card.elements.some((e) => e.type === 'actions')).toBe(false);
    expect(formOf(card).inputs.find((i) => i.name === 'customer')?.kind).toBe('text');
  });
});
