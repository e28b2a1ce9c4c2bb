import { setImmediate } from 'node:timers/promises';

/** How many rows an import handles between two turns of the event loop (about 100 ms of work on this machine's numbers). */
export const YIELD_EVERY_ROWS = 100;

/** Lets timers, sockets and other requests run before the next batch of rows. */
export function yieldToEventLoop(): Promise<void> {
  return setImmediate();
}
