import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/pipeline.js';
import { defineCommand } from '../../src/bot/command.js';
import { textReply } from '../../src/domain/card-model.js';
import type { InboundAction, InboundMessage } from '../../src/platforms/channel.js';
import { seedCustomer } from '../helpers/records.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A crash between a command's writes and the event's done mark must not run the command twice:
 * the writes, the queued replies and the done mark (or, for a click, the claim) commit together.
 * The "crash" is a failing statement at the last step, made by a temporary SQLite trigger: what a
 * process that died there leaves in the database.
 */
describe('an inbound event is handled exactly once in effect, across a crash before it is marked done', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  const count = (sql: string, ...params: unknown[]) => (t.db.$client.prepare(sql).get(...params) as { n: number }).n;
  const visits = () => count('SELECT COUNT(*) AS n FROM visits');
  const replies = (eventId: string) => count('SELECT COUNT(*) AS n FROM outbox WHERE idempotency_key LIKE ?', `%:${eventId}:%`);
  const status = (eventId: string) => (t.db.$client.prepare('SELECT status FROM processed_events WHERE event_id = ?').get(eventId) as { status: string } | undefined)?.status;

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
    t.db.$client.exec("CREATE TEMP TRIGGER crash_at_done BEFORE UPDATE OF status ON processed_events WHEN NEW.status = 'done' BEGIN SELECT RAISE(ABORT, 'crash'); END");
    await expect(t.app.bot.handleMessage(event)).rejects.toThrow('crash');
    // Nothing of the command survived; the event waits, stored, for the restart.
    expect({ visits: visits(), replies: replies('ev-visit-crash'), status: status('ev-visit-crash') }).toEqual({ visits: 0, replies: 0, status: 'received' });

    t.db.$client.exec('DROP TRIGGER crash_at_done');
    expect(await t.app.bot.resumeReceived()).toBe(1);
    expect({ visits: visits(), replies: replies('ev-visit-crash'), status: status('ev-visit-crash') }).toEqual({ visits: 1, replies: 1, status: 'done' });
    // A redelivery of the same event changes nothing.
    await t.app.bot.handleMessage(event);
    expect(await t.app.bot.resumeReceived()).toBe(0);
    expect({ visits: visits(), replies: replies('ev-visit-crash') }).toEqual({ visits: 1, replies: 1 });
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
        '': () => {
          t.db.$client.prepare("INSERT INTO sales_channels (code, name, created_at) VALUES ('probe', '探针', 0)").run();
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
    const probes = () => count("SELECT COUNT(*) AS n FROM sales_channels WHERE code = 'probe'");
    t.db.$client.exec("CREATE TEMP TRIGGER crash_at_followup BEFORE INSERT ON outbox WHEN NEW.idempotency_key LIKE 'followup:%' BEGIN SELECT RAISE(ABORT, 'crash'); END");
    await expect(bot.handleAction(click)).rejects.toThrow('crash');
    expect({ probes: probes(), followups: replies('ev-click-crash'), claimed: status('ev-click-crash') }).toEqual({ probes: 0, followups: 0, claimed: undefined });

    t.db.$client.exec('DROP TRIGGER crash_at_followup');
    expect(await bot.handleAction(click)).toEqual({ toast: { kind: 'success', text: 'ok' } });
    await bot.settle();
    expect({ probes: probes(), followups: replies('ev-click-crash') }).toEqual({ probes: 1, followups: 1 });
    // The platform's next retry of the same click is answered, not run.
    expect(await bot.handleAction(click)).toEqual({ toast: { kind: 'info', text: '已处理 (already handled)' } });
    expect(probes()).toBe(1);
  });
});
