import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCardRecipients } from '../../src/db/repositories/card-recipients.js';
import { createProcessedEvents } from '../../src/db/repositories/processed-events.js';
import type { ActionResponse } from '../../src/domain/card-model.js';
import type { BotHandler, InboundAction, InboundMessage } from '../../src/platforms/channel.js';
import { createDingTalkApi } from '../../src/platforms/dingtalk/api.js';
import { createDingTalkApiClient } from '../../src/platforms/dingtalk/api-client.js';
import { createDingTalkChannel } from '../../src/platforms/dingtalk/channel.js';
import { createDingTalkInbound } from '../../src/platforms/dingtalk/inbound.js';
import { createDingTalkStream, type DingTalkStream } from '../../src/platforms/dingtalk/stream.js';
import { freshTestDb } from '../helpers/fresh-db.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';

const logger = pino({ level: 'silent' });

/**
 * The stream supervisor in-process with short timings: backoff after failures (no storm, including
 * the SDK's error-before-open case), the watchdog for a silent connection, and slow card answers.
 */
describe('DingTalk stream supervisor', () => {
  let sim: DingTalkSimulator;
  let stream: DingTalkStream;
  let cleanup: (() => Promise<void>) | undefined;
  const replacements: DingTalkStream[] = [];

  afterEach(async () => {
    await stream?.stop();
    for (const replacement of replacements.splice(0)) await replacement.stop();
    await sim?.close();
    await cleanup?.();
    cleanup = undefined;
  });

  async function setup(
    simOptions: Parameters<typeof startDingTalkSimulator>[0],
    streamOptions: { watchdogMs?: number; pingIntervalMs?: number } = {},
    bot?: Partial<BotHandler>,
    streamLogger: Logger = logger,
  ) {
    sim = await startDingTalkSimulator(simOptions);
    const testDb = await freshTestDb('dingtalk_stream');
    cleanup = testDb.cleanup;
    const client = createDingTalkApiClient({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiBaseUrl: sim.url, oapiBaseUrl: sim.url, logger, backoffBaseMs: 5 });
    const api = createDingTalkApi(client, { robotCode: sim.clientId, logger });
    const cardRecipients = createCardRecipients(testDb.db, 'dingtalk');
    const channel = createDingTalkChannel({ api, logger, clock: Date.now, cardTemplateId: 'tpl', callbackType: 'STREAM', callbackRouteKey: sim.clientId, cardRecipients });
    const processedEvents = createProcessedEvents(testDb.db);
    /** A stream of its own (another process, as it were) on the same database; its bot records what it is given. */
    const streamWithBot = () => {
      const messages: InboundMessage[] = [];
      const handler: BotHandler = {
        handleMessage: async (event) => {
          messages.push(event);
        },
        handleAction: async (_event: InboundAction): Promise<ActionResponse> => ({ toast: { kind: 'success', text: 'ok' } }),
        ...bot,
      };
      const inbound = createDingTalkInbound({ bot: handler, channel, processedEvents, cardRecipients, logger, clock: Date.now });
      const created = createDingTalkStream({
        gatewayUrl: `${sim.url}/v1.0/gateway/connections/open`,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        inbound,
        processedEvents,
        app: { robotCode: sim.clientId, corpId: undefined },
        logger: streamLogger,
        clock: Date.now,
        updateCardLater: (outTrackId, response) => api.updateCard(outTrackId, response),
        backoffBaseMs: 100,
        backoffMaxMs: 2000,
        ...streamOptions,
      });
      return { messages, stream: created };
    };
    const first = streamWithBot();
    stream = first.stream;
    const replacement = () => {
      const next = streamWithBot();
      replacements.push(next.stream);
      return next;
    };
    return { messages: first.messages, api, channel, replacement };
  }

  it('backs off exponentially while the gateway fails, then connects once', async () => {
    // The delays the supervisor chose, from its log: its decisions, not how fast the machine ran them.
    const logged: { msg: string; delayMs?: number; attempt?: number }[] = [];
    await setup({}, {}, undefined, pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) }));
    sim.failNext('/v1.0/gateway/connections/open', 4, 503, { code: 'ServiceUnavailable', message: 'busy' });
    stream.start();
    await sim.waitForConnection(1, 30_000);
    expect(sim.requests.filter((r) => r.path === '/v1.0/gateway/connections/open')).toHaveLength(5);
    const delays = logged.filter((l) => l.msg === 'dingtalk stream: reconnecting').map((l) => l.delayMs as number);
    // Jittered within [ceiling/2, ceiling] for ceilings 100, 200, 400, 800 ms.
    expect(delays).toHaveLength(4);
    [100, 200, 400, 800].forEach((ceiling, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delays[i]).toBeLessThanOrEqual(ceiling);
    });
    expect(sim.stream.connectionsOpened).toBe(1);
  });

  it('retries once per failure when the socket errors before opening (no reconnect storm)', async () => {
    await setup({});
    sim.stream.rejectNextUpgrades(3);
    stream.start();
    await sim.waitForConnection(1, 30_000);
    // Room for a storm to show (none may: one attempt per failure); a wait, not a measurement.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Three failed upgrades, one success: one gateway call (one ticket) per attempt, nothing doubled.
    expect(sim.stream.gatewayCalls).toHaveLength(4);
    expect(sim.stream.connectionsOpened).toBe(1);
    expect(stream.status().reconnectsScheduled).toBe(3);
  });

  it("routes the SDK's console output (connect success, socket errors, disconnecting) into the logger, without the secret or the ticket", async () => {
    const lines: string[] = [];
    const consoleCalls: unknown[][] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args)));
    try {
      await setup({}, {}, undefined, pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }));
      sim.stream.rejectNextUpgrades(1);
      stream.start();
      await sim.waitForConnection(1, 30_000);
      await sim.waitFor(() => lines.some((line) => line.includes('dingtalk sdk: connect success')), 'connect success in the log');
      await stream.stop();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const messages = lines.map((line) => JSON.parse(line) as { msg: string; level: number; platform?: string });
    expect(messages).toEqual(expect.arrayContaining([
      expect.objectContaining({ msg: 'dingtalk sdk: connect success', level: 30, platform: 'dingtalk' }),
      expect.objectContaining({ msg: 'dingtalk sdk: socket error', level: 40 }),
      expect.objectContaining({ msg: 'dingtalk sdk: disconnecting' }),
    ]));
    expect(consoleCalls).toEqual([]);
    const all = lines.join('\n');
    expect(all).not.toContain(sim.clientSecret);
    expect(all).not.toMatch(/ticket=(?!\[redacted\])/);
  });

  it('replaces a silent connection when the watchdog fires', async () => {
    await setup({ autoPong: false }, { watchdogMs: 600, pingIntervalMs: 100 });
    stream.start();
    await sim.waitForConnection(1);
    await sim.waitForConnection(2, 30_000);
    await sim.waitFor(() => sim.stream.openConnections() === 1, 'the silent connection closed');
  });

  it('acks a robot frame and delivers the message to the bot once', async () => {
    const { messages } = await setup({});
    stream.start();
    await sim.waitForConnection(1);
    const pushed = sim.pushRobotMessage({ senderStaffId: 'dt-s101', text: '  帮助 ' });
    await sim.waitForAck(pushed.messageId);
    sim.stream.repush(pushed.messageId);
    await sim.waitFor(() => sim.stream.acks.filter((a) => a.messageId === pushed.messageId).length === 2, 'second ack');
    await sim.waitFor(() => messages.length > 0, 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ platform: 'dingtalk', eventId: pushed.payload.msgId, text: '帮助', sender: { ids: [{ kind: 'userId', value: 'dt-s101' }] } });
  });

  it('re-pushes a frame nobody acknowledged (simulator behaviour the service relies on)', async () => {
    await setup({ repushAfterMs: 200 });
    // No service connected to ack: a bare ws client stands in and never answers.
    const { WebSocket } = await import('ws');
    const gateway = await (await fetch(`${sim.url}/v1.0/gateway/connections/open`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: sim.clientId, clientSecret: sim.clientSecret }) })).json() as { endpoint: string; ticket: string };
    const socket = new WebSocket(`${gateway.endpoint}?ticket=${gateway.ticket}`);
    const received: string[] = [];
    socket.on('message', (raw) => received.push((JSON.parse(String(raw)) as { headers: { messageId: string } }).headers.messageId));
    await new Promise((resolve) => socket.once('open', resolve));
    const pushed = sim.pushRobotMessage({ senderStaffId: 'dt-s101', text: '帮助' });
    await sim.waitFor(() => received.filter((id) => id === pushed.messageId).length >= 2, 're-push');
    socket.terminate();
  });

  it('handles a frame that reaches its closing socket before stop() returns; the re-push elsewhere is a duplicate', async () => {
    // The bot holds the message until the test lets it go: stop() must still be waiting then.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const { replacement } = await setup({ repushAfterMs: 1500 }, {}, {
      handleMessage: async (event) => {
        await held;
        handled.push(event.eventId);
      },
    });
    stream.start();
    await sim.waitForConnection(1);
    // The gateway has not read the close frame yet when it pushes: the frame reaches a socket that is closing.
    sim.stream.holdIncoming();
    let stopped = false;
    const stopping = stream.stop().then(() => (stopped = true));
    const pushed = sim.pushRobotMessage({ senderStaffId: 'dt-s101', text: '帮助' });
    const next = replacement();
    next.stream.start();
    await sim.waitForConnection(2);
    sim.stream.releaseIncoming();
    // Our ACK could not leave the closing socket: DingTalk pushes the frame again, to the replacement.
    try {
      await sim.waitForAck(pushed.messageId);
      expect(stopped).toBe(false);
    } finally {
      release();
    }
    await stopping;
    expect(handled).toEqual([pushed.payload.msgId]);
    expect(sim.stream.repushes).toBeGreaterThan(0);
    await sim.waitFor(() => sim.stream.openConnections() === 1, 'the stopped connection closed');
    expect(handled).toEqual([pushed.payload.msgId]);
  });

  it('a card click that reaches the closing socket still updates the card, through the API (its ACK cannot leave)', async () => {
    const { channel } = await setup({}, {}, { handleAction: async () => ({ card: { template: 'help', title: '关闭时点击', elements: [{ type: 'markdown', text: '完成' }] } }) });
    stream.start();
    await sim.waitForConnection(1, 30_000);
    const sent = await channel.send({ platform: 'dingtalk', userRef: 'dt-s101' }, { type: 'card', card: { template: 'help', title: '原卡片', elements: [{ type: 'markdown', text: '…' }] } }, { idempotencyKey: 'closing-card' });
    sim.stream.holdIncoming();
    const stopping = stream.stop();
    sim.pushCardClick({ outTrackId: sent.messageId, userId: 'dt-s101', params: { action: JSON.stringify({ command: 'help', args: {} }) } });
    // Let the click reach the service before the gateway reads the close frame.
    await sim.waitFor(() => sim.requests.some((r) => r.path.includes('/card/instances') && r.method === 'PUT'), 'the card update through the API', 10_000);
    sim.stream.releaseIncoming();
    await stopping;
    expect(sim.cards.get(sent.messageId)?.cardParamMap.title).toBe('关闭时点击');
  });

  it('acks a slow card answer empty within 2 s and updates the card through the API afterwards', async () => {
    // The bot answers only once the test has seen the ACK: the ACK cannot have waited for it.
    let finish: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (finish = resolve));
    const { channel } = await setup({}, {}, {
      handleAction: async () => {
        await released;
        return { card: { template: 'help', title: '稍后更新', elements: [{ type: 'markdown', text: '完成' }] } };
      },
    });
    stream.start();
    await sim.waitForConnection(1, 30_000);
    const sent = await channel.send({ platform: 'dingtalk', userRef: 'dt-s101' }, { type: 'card', card: { template: 'help', title: '原卡片', elements: [{ type: 'markdown', text: '…' }] } }, { idempotencyKey: 'slow-card' });
    const click = sim.pushCardClick({ outTrackId: sent.messageId, userId: 'dt-s101', params: { action: JSON.stringify({ command: 'help', args: {} }) } });
    const ack = await sim.waitForAck(click.messageId, 30_000);
    expect(ack.data).toEqual({ response: {} });
    finish();
    await sim.waitFor(() => sim.cards.get(sent.messageId)?.cardParamMap.title === '稍后更新', 'late card update', 30_000);
  });
});
