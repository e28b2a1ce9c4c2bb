import { desc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
// The SQLite tables name which tables storedRecords reads; it looks each up among the app database's own.
import { deals, payments } from '../../../src/db/schema/index.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { expectSameRefusal, storedRecords } from '../../helpers/same-feature.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

/**
 * POST /api/payments and 回款 call the same feature (savePayment): two apps seeded alike (华为 with
 * a ¥50,000 won deal, ¥40,000 paid), the same input through H5 in one and the chat form in the
 * other; then the same refusals, the same overpay question, and the same payment, audit and journal
 * rows (ids, timestamps and the door aside).
 */
describe('POST /api/payments and 回款 store payments through the same feature', () => {
  let h5App: TestApp;
  let chatApp: TestApp;
  let customerId: number;

  beforeEach(async () => {
    [h5App, chatApp] = await Promise.all([createTestApp(), createTestApp()]);
    for (const t of [h5App, chatApp]) {
      customerId = (await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] })).id;
      const chat = sandboxChat(t.app, 'S101');
      await chat.say('成交 华为 5万 一期');
      await chat.say('回款 华为 4万');
    }
  });
  afterEach(async () => {
    await Promise.all([h5App.close(), chatApp.close()]);
  });

  const lastPaymentOf = async (t: TestApp) => {
    const { payments } = tablesOf(t.db);
    return (await t.db.select().from(payments).orderBy(desc(payments.id)).limit(1))[0];
  };
  const stored = (t: TestApp) => storedRecords(t, [payments, deals], ['payment', 'deal']);

  it('the same refusals for a bad amount and a future date, nothing stored', async () => {
    const web = await devLogin(h5App.app, 'S101');
    const chat = sandboxChat(chatApp.app, 'S101');
    const [form] = await chat.say('回款');
    const submit = formOf(cardOf(form)).submit.action;
    const before = (await stored(chatApp));
    expect((await stored(h5App))).toEqual(before);

    const negative = { amount: '-1万', paidOn: '2026-11-20' };
    expectSameRefusal(await web.post('/api/payments', { customerId, ...negative }), (await chat.click(form, submit, { customer: '华为', ...negative })).toast?.text, 'records.error.amountNegative');
    const future = { amount: '1万', paidOn: '2026-12-30' };
    expectSameRefusal(await web.post('/api/payments', { customerId, ...future }), (await chat.click(form, submit, { customer: '华为', ...future })).toast?.text, 'records.error.dateFuture');
    expect((await stored(h5App))).toEqual(before);
    expect((await stored(chatApp))).toEqual(before);
  });

  it('the same payment, audit and journal rows; over the deal amount both ask first and store the same once confirmed', async () => {
    const web = await devLogin(h5App.app, 'S101');
    const chat = sandboxChat(chatApp.app, 'S101');
    const [form] = await chat.say('回款');
    const submit = formOf(cardOf(form)).submit.action;

    const input = { amount: '6000', paidOn: '2026-11-20' };
    expect((await web.post('/api/payments', { customerId, ...input })).statusCode).toBe(201);
    expect((await chat.click(form, submit, { customer: '华为', ...input })).toast?.kind).toBe('success');
    expect((await stored(h5App))).toEqual((await stored(chatApp)));

    // ¥46,000 paid of ¥50,000: ¥20,000 more goes ¥16,000 over, and both doors ask with the same amounts.
    const over = { amount: '2万', paidOn: '2026-11-21' };
    const before = (await stored(chatApp));
    const refused = await web.post('/api/payments', { customerId, ...over });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ key: 'records.payment.overpay' });
    // A new form: a form once saved answers "already saved" (its submission token).
    const [second] = await chat.say('回款');
    const asked = await chat.click(second, formOf(cardOf(second)).submit.action, { customer: '华为', ...over });
    // The chat asks on the form's card itself: a confirm card in its place.
    const confirmCard = asked.card;
    if (!confirmCard) throw new Error(`no confirm card: ${JSON.stringify(asked)}`);
    expect(replyText({ type: 'card', card: confirmCard })).toContain('合同 ¥50,000.00，已回款 ¥46,000.00，超出 ¥16,000.00');
    expect(refused.json().message).toContain('超出 ¥16,000.00');
    expect((await stored(h5App))).toEqual(before);
    expect((await stored(chatApp))).toEqual(before);

    expect((await web.post('/api/payments', { customerId, ...over, confirmOverpay: true })).statusCode).toBe(201);
    expect((await chat.click(second, buttonAction(confirmCard, '确认'))).card?.title).toBe('已记录回款 ✓');
    const h5Rows = (await stored(h5App));
    expect(h5Rows).toEqual((await stored(chatApp)));
    expect(h5Rows).toMatchObject({ records: [[{ amountFen: 4_000_000 }, { amountFen: 600_000, paidOn: '2026-11-20' }, { amountFen: 2_000_000, paidOn: '2026-11-21' }], [{ amountFen: 5_000_000 }]] });
    expect((await lastPaymentOf(h5App))?.source).toBe('h5');
    expect((await lastPaymentOf(chatApp))?.source).toBe('card');
  });
});
