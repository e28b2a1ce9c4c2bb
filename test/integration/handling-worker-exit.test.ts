import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/platforms/channel.js';
import { startHandlingWorker } from '../../src/worker/handling-worker.js';
import { until } from '../helpers/timeouts.js';

const message = (eventId: string): InboundMessage => ({
  kind: 'message',
  platform: 'sandbox',
  eventId,
  sender: { platform: 'sandbox', ids: [{ kind: 'employee_no', value: 'S101' }] },
  conversation: { platform: 'sandbox', chatId: '1', chatType: 'p2p' },
  text: '帮助',
  receivedAt: Date.parse('2026-02-28T02:00:00Z'),
});

/**
 * The service's side of HANDLING_WORKER when the worker dies: a message it had stored fails its
 * handling (the service then takes stored messages up itself), and later messages are not offered
 * to a dead worker, so the bot handles them itself instead of waiting for ever.
 */
describe('a handling worker that dies', () => {
  it('fails the stored message it held, reports how many, and takes no more', async () => {
    const exits: number[] = [];
    const worker = startHandlingWorker({
      env: {},
      logger: pino({ level: 'silent' }),
      entry: new URL('../fixtures/handling-worker-that-dies.mjs', import.meta.url),
      onExit: (unhandled) => exits.push(unhandled),
    });
    const receipt = await worker.receive(message('dies-1'));
    expect(receipt?.stored).toBe(true);
    await expect(receipt?.handled()).rejects.toThrow('handling worker exited (3)');
    await until(() => exits.length > 0, 'the exit report');
    expect(exits).toEqual([1]);
    const offered = worker.receive(message('dies-2'));
    expect(offered === undefined).toBe(true);
    await worker.close();
  });
});
