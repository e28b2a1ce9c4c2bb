import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, seedCustomer } from '../../helpers/records.js';
import { devLogin } from '../../helpers/web-session.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

const storedFen = async (t: TestApp) => (await rowsInIdOrder(t.db, 'payments')).map((p) => p.amountFen);

/** 华为's won deal is ¥50,000 with ¥40,000 paid: a ¥20,000 payment goes ¥10,000 over. */
describe('回款 over the deal amount asks first', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'], salesChannel: '经销商' });
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('成交 华为 5万 一期');
    await chat.say('回款 华为 4万');
  });
  afterEach(async () => t.close());

  it('chat: a confirm card states deal, paid and excess; 确认 stores it in fen', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('回款 华为 2万');
    const text = replyText(reply!);
    expect(text).toContain('回款超出合同金额');
    expect(text).toContain('合同 ¥50,000.00，已回款 ¥40,000.00，超出 ¥10,000.00');
    expect(await storedFen(t)).toEqual([4_000_000]);
    const confirmed = await chat.click(reply, buttonAction(cardOf(reply), '确认'));
    expect(await storedFen(t)).toEqual([4_000_000, 2_000_000]);
    expect(JSON.stringify(confirmed.card)).toContain('¥60,000.00 / ¥50,000.00');
  });

  it('chat: 取消 leaves the data as it was; a payment up to the amount needs no question', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('回款 华为 2万');
    const cancelled = await chat.click(reply, buttonAction(cardOf(reply), '取消'));
    expect(JSON.stringify(cancelled.card)).toContain('已取消');
    expect(await storedFen(t)).toEqual([4_000_000]);
    const [exact] = await chat.say('回款 华为 1万');
    expect(replyText(exact!)).toContain('已回款: ¥50,000.00 / ¥50,000.00');
    expect(await storedFen(t)).toEqual([4_000_000, 1_000_000]);
  });

  it('H5: the same rule, 409 with the amounts until confirmOverpay: true', async () => {
    const rep = await devLogin(t.app, 'S101');
    const customerId = (await rowsInIdOrder(t.db, 'customers')).find((c) => c.name === '华为技术有限公司')!.id;
    const refused = await rep.post('/api/payments', { customerId, amount: '2万' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'OVERPAY_NEEDS_CONFIRMATION', key: 'records.payment.overpay' });
    expect(refused.json().message).toContain('超出 ¥10,000.00');
    expect(await storedFen(t)).toEqual([4_000_000]);
    const saved = await rep.post('/api/payments', { customerId, amount: '2万', confirmOverpay: true });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().payment).toMatchObject({ amountFen: 2_000_000 });
    expect(await storedFen(t)).toEqual([4_000_000, 2_000_000]);
  });
});
