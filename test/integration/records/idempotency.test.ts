import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('the same submission stores one record', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  it('a form submitted twice (double click) with different event ids stores one deal', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('成交 华为');
    const submit = formOf(cardOf(reply)).submit.action;
    const values = { customer: '华为', amount: '5万', wonOn: '2026-11-27' };
    const [a, b] = await Promise.all([chat.click(reply, submit, values, 'click-1'), chat.click(reply, submit, values, 'click-2')]);
    expect([a.toast?.kind, b.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await rowsInIdOrder(t.db, 'deals')).toHaveLength(1);
  });

  it('a platform retry of the same card action (new event id, minutes later) stores nothing new', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('培训');
    const submit = formOf(cardOf(reply)).submit.action;
    await chat.click(reply, submit, { course: '产品知识', hours: '2小时' }, 'feishu-evt-1');
    t.clock.advance(3 * 60 * 1000);
    const retry = await chat.click(reply, submit, { course: '产品知识', hours: '2小时' }, 'feishu-evt-1-retry');
    expect(retry.toast?.text).toBe('这条培训已经保存过，没有重复记录。');
    expect(await rowsInIdOrder(t.db, 'trainings')).toHaveLength(1);
  });

  it('a confirmation card clicked on two devices stores one visit and one customer entry', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('拜访 华为技朮 演示');
    const pick = buttonAction(cardOf(reply), '华为技术有限公司');
    for (const eventId of ['phone', 'desktop', 'phone-retry']) await chat.click(reply, pick, {}, eventId);
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(1);
    expect(await rowsInIdOrder(t.db, 'recordEntries')).toHaveLength(1);
  });

  it('the same typed message delivered twice (same event id) stores one visit', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('拜访 华为 聊了', 'msg-1');
    await chat.say('拜访 华为 聊了', 'msg-1');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(1);
  });

  it('the database refuses a second entry with the same submission token', async () => {
    const { recordEntries } = tablesOf(t.db);
    const row = { userId: 1, kind: 'visit', entity: 'visit', entityId: 1, submissionToken: 'tok', source: 'sandbox', createdAt: 1 };
    await t.db.insert(recordEntries).values(row);
    const refusal = await t.db.insert(recordEntries).values({ ...row, entityId: 2 }).then(() => undefined, (error: unknown) => error);
    // Each driver's words for the unique index on the token (drizzle puts the driver's error in `cause`).
    expect(messagesOf(refusal)).toMatch(/UNIQUE constraint failed: record_entries\.submission_token|duplicate key value violates unique constraint "record_entries_token_unique"/);
  });
});

/** An error's message and its causes' messages, or '' when there was none. */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages.join('\n');
}
