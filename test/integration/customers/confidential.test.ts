import { describe, expect, it } from 'vitest';
import { cardToText } from '../../../src/domain/card-model.js';
import { asc, desc } from 'drizzle-orm';
import { tablesOf } from '../../../src/db/dialect.js';
// The SQLite tables name which tables storedRecords reads; it looks each up among the app database's own.
import { customers } from '../../../src/db/schema/index.js';
import { buttonAction } from '../../helpers/records.js';
import { expectSameRefusal, storedRecords as stored, useTwinApps } from '../../helpers/same-feature.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import type { TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

const confidentialOf = async (t: TestApp) => {
  const { customers } = tablesOf(t.db);
  return (await t.db.select({ confidential: customers.confidential }).from(customers).orderBy(asc(customers.id))).map((c) => c.confidential);
};
const lastAuditOf = async (t: TestApp) => {
  const { auditLog } = tablesOf(t.db);
  return (await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];
};

/** 保密 / 取消保密 in chat and the H5 customer form's checkbox call one feature: same rows, same audit, same refusals. */
describe('a confidential customer (masked in 喜报): marked by the owner\'s manager or an admin, on both doors', () => {
  const twins = useTwinApps();

  it('the owner\'s manager marks it in chat and in the H5 form: the same row and audit; unmarked again', async () => {
    const { h5App, chatApp, customerId } = twins;
    const web = await devLogin(h5App.app, 'S100');
    const chat = sandboxChat(chatApp.app, 'S100');
    expect((await web.patch(`/api/customers/${customerId}`, { confidential: true })).json().customer).toMatchObject({ id: customerId, confidential: true });
    expect(replyText((await chat.say('保密 华为'))[0]!)).toContain('已将「华为技术有限公司」设为保密');
    const h5Rows = (await stored(h5App, [customers], ['customer']));
    expect(h5Rows).toEqual((await stored(chatApp, [customers], ['customer'])));
    expect(h5Rows).toMatchObject({ records: [[{ confidential: true }]], audit: [{ action: 'customer.create' }, { action: 'customer.update', before: { confidential: false }, after: { confidential: true } }] });
    expect((await lastAuditOf(h5App))?.source).toBe('h5');
    // Already so: nothing written twice.
    expect(replyText((await chat.say('保密 华为'))[0]!)).toContain('已经是这个状态');
    expect((await stored(chatApp, [customers], ['customer']))).toEqual(h5Rows);

    expect((await web.patch(`/api/customers/${customerId}`, { confidential: false })).statusCode).toBe(200);
    expect(replyText((await chat.say('取消保密 华为'))[0]!)).toContain('已取消「华为技术有限公司」的保密');
    expect((await stored(h5App, [customers], ['customer']))).toEqual((await stored(chatApp, [customers], ['customer'])));
    expect(await confidentialOf(chatApp)).toEqual([false]);
    // An admin may too, in English.
    expect(replyText((await sandboxChat(chatApp.app, 'A001').say('/confidential 华为'))[0]!)).toContain('华为技术有限公司');
    expect(await confidentialOf(chatApp)).toEqual([true]);
    expect(replyText((await sandboxChat(chatApp.app, 'A001').say('/unconfidential 华为'))[0]!)).toContain('华为技术有限公司');
    expect(await confidentialOf(chatApp)).toEqual([false]);
  });

  it('a rep (even the owner) and a manager of another team are refused on both doors; nothing changes', async () => {
    const { h5App, chatApp, customerId } = twins;
    for (const [employeeNo, key] of [
      ['S101', 'confidential.error.notManager'],
      ['S200', 'confidential.error.notYourTeam'],
    ] as const) {
      const web = await devLogin(h5App.app, employeeNo);
      const chatText = replyText((await sandboxChat(chatApp.app, employeeNo).say('保密 华为'))[0]!);
      expectSameRefusal(await web.patch(`/api/customers/${customerId}`, { confidential: true, region: '天津' }), chatText, key, 403);
    }
    expect(await confidentialOf(h5App)).toEqual([false]);
    expect(await confidentialOf(chatApp)).toEqual([false]);
    // The refusal comes first: the rest of the H5 edit is not stored either.
    expect((await h5App.db.select({ region: tablesOf(h5App.db).customers.region }).from(tablesOf(h5App.db).customers))[0]?.region).not.toBe('天津');
    expect((await stored(h5App, [customers], ['customer']))).toMatchObject({ audit: [{ action: 'customer.create' }] });
  });

  it('the full help lists 保密 / 取消保密 for a manager and not for a rep', async () => {
    const { chatApp } = twins;
    const fullHelp = async (employeeNo: string) => {
      const chat = sandboxChat(chatApp.app, employeeNo);
      const [reply] = await chat.say('帮助');
      if (reply?.payload.type !== 'card') throw new Error('help is a card');
      return cardToText((await chat.click(reply, buttonAction(reply.payload.card, '全部命令'))).card!);
    };
    const manager = await fullHelp('S100');
    for (const example of ['保密 华为', '取消保密 华为']) expect(manager).toContain(example);
    expect(await fullHelp('S101')).not.toContain('保密 华为');
  });
});
