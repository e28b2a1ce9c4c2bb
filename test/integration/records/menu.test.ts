import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardModel } from '../../../src/domain/card-model.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

const followUpCard = (res: { sent: { type: string; card?: CardModel }[] }): CardModel => {
  const reply = res.sent[0];
  if (!reply || reply.type !== 'card' || !reply.card) throw new Error('expected a card follow-up');
  return reply.card;
};

describe('记录 menu: every form is reachable without typing', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  it('lists a button per entry kind', async () => {
    const [menu] = await sandboxChat(t.app, 'S101').say('记录');
    const text = replyText(menu!);
    for (const label of ['[拜访]', '[成交]', '[商机]', '[阶段变更]', '[回款]', '[客户]', '[联系人]', '[满意度]', '[投诉]', '[培训]']) expect(text).toContain(label);
  });

  it('menu -> 拜访 form -> submit stores the visit', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [menu] = await chat.say('记录');
    const opened = await chat.click(menu, buttonAction(cardOf(menu), '拜访'));
    const form = formOf(followUpCard(opened));
    const res = await chat.click(undefined, form.submit.action, { customer: '华为', visitDate: '昨天', kind: 'onsite', notes: '从菜单记录' });
    expect(res.toast?.kind).toBe('success');
    expect(await rowsInIdOrder(t.db, 'visits')).toMatchObject([{ visitDate: '2026-11-26', notes: '从菜单记录', source: 'card' }]);
  });

  it('menu -> 阶段变更 form moves the only open deal', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('商机 华为 10万');
    const [menu] = await chat.say('记录');
    const opened = await chat.click(menu, buttonAction(cardOf(menu), '阶段变更'));
    const form = formOf(followUpCard(opened));
    const res = await chat.click(undefined, form.submit.action, { target: '华为', stage: 'negotiation' });
    expect(res.toast?.kind).toBe('success');
    expect(await rowsInIdOrder(t.db, 'deals')).toMatchObject([{ stage: 'negotiation' }]);
    expect(await rowsInIdOrder(t.db, 'dealStageHistory')).toHaveLength(2);
  });

  it('the customer card opens a visit form pre-filled with that customer', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [profile] = await chat.say('客户 华为');
    const opened = await chat.click(profile, buttonAction(cardOf(profile), '拜访'));
    const form = formOf(followUpCard(opened));
    expect(form.inputs.find((i) => i.name === 'customer')?.value).toBe('华为技术有限公司');
  });
});
