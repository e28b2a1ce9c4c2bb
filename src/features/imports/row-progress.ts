import type { OnProgress } from '../progress.js';
import { YIELD_EVERY_ROWS, yieldToEventLoop } from './yield.js';

/**
 * The turn an import takes every YIELD_EVERY_ROWS rows, and the progress it reports there. An import
 * may go over its rows more than once (look-ups, then writes); `passes` spreads those steps over the
 * row count, so the door shows rows (导入中 1000/20000), not steps.
 */
export function createRowProgress(rows: number, passes: number, onProgress: OnProgress | undefined) {
  let reported = 0;
  async function report(done: number): Promise<void> {
    if (done <= reported) return;
    reported = done;
    await onProgress?.(done, rows);
  }
  return {
    /** Call before handling step `step` (0-based, counted over all passes). */
    async before(step: number): Promise<void> {
      if (step === 0 || step % YIELD_EVERY_ROWS !== 0) return;
      await report(Math.floor(step / passes));
      await yieldToEventLoop();
    },
    /** Every row is handled: the last report says total of total. */
    finish(): Promise<void> {
      return report(rows);
    },
  };
}
