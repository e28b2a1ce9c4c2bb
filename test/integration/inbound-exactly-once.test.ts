import { sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { executeSql, isPg, queryRows, tablesOf } from '../../src/db/dialect.js';
import { createBot } from '../../src/bot/pipeline.js';
import { defineCommand } from '../../src/bot/command.js';
import { textReply } from '../../src/domain/card-model.js';
import type { InboundAction, InboundMessage } from '../../src/platforms/channel.js';
import { seedCustomer } from '../helpers/records.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A trigger that fails the statement it fires on with 'crash': a TEMP trigger on SQLite; on PostgreSQL
 * one over a plpgsql function (in the test's own fresh database). `on`: e.g. 'BEFORE INSERT ON outbox'.
 */
async function crashTrigger(db: Db, name: string, on: string, when: string): Promise<{ drop(): Promise<void> }> {
  if (!isPg(db)) {
    await executeSql(db, sql.raw(`CREATE TEMP TRIGGER ${name} ${on} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'crash'); END`));
    return { drop: async () => void (await executeSql(db, sql.raw(`DROP TRIGGER ${name}`))) };
  }
  await executeSql(db, sql.raw("CREATE OR REPLACE FUNCTION raise_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'crash'; END $$"));
  await executeSql(db, sql.raw(`CREATE TRIGGER ${name} ${on} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION raise_crash()`));
  const table = on.split(' ON ')[1]!;
  return { drop: async () => void (await executeSql(db, sql.raw(`DROP TRIGGER ${name} ON ${table}`))) };
}

/**
 * A crash between a command's writes and the event's done mark must not run the command twice:
 * the writes, the queued replies and the done mark (or, for a click, the claim) commit together.
 * The "crash" is a failing statement at the last step, made by a trigger (crashTrigger): what a
 * process that died there leaves in the database.
 */
describe('an inbound event is handled exactly once in effect, across a crash before it is marked done', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  const count = async (query: SQL) => Number((await queryRows<{ n: number }>(t.db, query))[0]!.n);
  const visits = () => count(sql`SELECT COUNT(*) AS n FROM visits`);
  const replies = (eventId: string) => count(sql`SELECT COUNT(*) AS n FROM outbox WHERE idempotency_key LIKE ${`%:${eventId}:%`}`);
  const status = async (eventId: string) => (await queryRows<{ status: string }>(t.db, sql`SELECT status FROM processed_events WHERE event_id = ${eventId}`))[0]?.status;

  it('a visit whose done mark failed leaves no visit and no reply; the restart logs it once and replies once', async () => {
    const event: InboundMessage = {
      kind: 'message',
      platform: 'sandbox',
      eventId: 'ev-visit-crash',
      sender: { platform: 'sandbox', ids: [{ kind: 'employee_no', value: 'S101' }] },
      conversation: { platform: 'sandbox', chatId: 'S101', chatType: 'p2p' },
      text: '拜访 华为 聊了采购计划',
      receivedAt: t.clock.now,
    };
    const crashAtDone = await crashTrigger(t.db, 'crash_at_done', 'BEFORE UPDATE OF status ON processed_events', "NEW.status = 'done'");
    await expect(t.app.bot.handleMessage(event)).rejects.toThrow('crash');
    // Nothing of the command survived; the event waits, stored, for the restart.
    expect({ visits: await visits(), replies: await replies('ev-visit-crash'), status: await status('ev-visit-crash') }).toEqual({ visits: 0, replies: 0, status: 'received' });

    await crashAtDone.drop();
    expect(await t.app.bot.resumeReceived()).toBe(1);
    expect({ visits: await visits(), replies: await replies('ev-visit-crash'), status: await status('ev-visit-crash') }).toEqual({ visits: 1, replies: 1, status: 'done' });
    // A redelivery of the same event changes nothing.
    await t.app.bot.handleMessage(event);
    expect(await t.app.bot.resumeReceived()).toBe(0);
    expect({ visits: await visits(), replies: await replies('ev-visit-crash') }).toEqual({ visits: 1, replies: 1 });
  });

  it('a click that crashed before its follow-up was queued stays unclaimed: the platform’s retry runs it once', async () => {
    // A command that writes and then sends: the write is a sales channel, the send a text.
    const probe = defineCommand({
      name: 'probe',
      words: [],
      summary: 'command.help.summary',
      examples: [],
      hidden: true,
      actions: {
        '': async () => {
          await t.db.insert(tablesOf(t.db).salesChannels).values({ code: 'probe', name: '探针', createdAt: 0 });
          return { send: [textReply('done')], toast: { kind: 'success', text: 'ok' } };
        },
      },
    });
    const bot = createBot(t.app.botDeps, [probe]);
    const click: InboundAction = {
      kind: 'action',
      platform: 'sandbox',
      eventId: 'ev-click-crash',
      sender: { platform: 'sandbox', ids: [{ kind: 'employee_no', value: 'S101' }] },
      conversation: { platform: 'sandbox', chatId: 'S101', chatType: 'p2p' },
      action: { command: 'probe', args: {} },
      formValues: {},
      receivedAt: t.clock.now,
    };
    const probes = () => count(sql`SELECT COUNT(*) AS n FROM sales_channels WHERE code = 'probe'`);
    const crashAtFollowup = await crashTrigger(t.db, 'crash_at_followup', 'BEFORE INSERT ON outbox', "NEW.idempotency_key LIKE 'followup:%'");
    await expect(bot.handleAction(click)).rejects.toThrow('crash');
    expect({ probes: await probes(), followups: await replies('ev-click-crash'), claimed: await status('ev-click-crash') }).toEqual({ probes: 0, followups: 0, claimed: undefined });

    await crashAtFollowup.drop();
    expect(await bot.handleAction(click)).toEqual({ toast: { kind: 'success', text: 'ok' } });
    await bot.settle();
    expect({ probes: await probes(), followups: await replies('ev-click-crash') }).toEqual({ probes: 1, followups: 1 });
    // The platform's next retry of the same click is answered, not run.
    expect(await bot.handleAction(click)).toEqual({ toast: { kind: 'info', text: '已处理 (already handled)' } });
    expect(await probes()).toBe(1);
  });
});
