/**
 * A clock for pacing code (rate limiters, backoff) that moves only when everything under test is
 * waiting on it: `run(tasks)` lets real I/O and promises proceed, and whenever each unfinished task
 * sleeps on this clock, jumps to the earliest wake-up. Times read from it are the code's decisions,
 * not how fast the machine happened to be, so assertions on them hold on a loaded machine too.
 */
export interface VirtualTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Tasks sleeping on this clock right now. */
  readonly sleeping: number;
  /** Drives the clock until every task settles; rejects like Promise.all. */
  run<T>(tasks: Promise<T>[], options?: { stuckAfterMs?: number }): Promise<T[]>;
}

export function createVirtualTime(start = 0): VirtualTime {
  let current = start;
  let order = 0;
  const sleepers: { at: number; order: number; wake: () => void }[] = [];

  function advance(): void {
    sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
    current = Math.max(current, (sleepers[0] as { at: number }).at);
    while (sleepers.length > 0 && (sleepers[0] as { at: number }).at <= current) sleepers.shift()?.wake();
  }

  return {
    now: () => current,
    sleep(ms) {
      return new Promise((wake) => sleepers.push({ at: current + Math.max(0, ms), order: order++, wake }));
    },
    get sleeping() {
      return sleepers.length;
    },
    async run(tasks, options = {}) {
      let settled = 0;
      let finished = false;
      const all = Promise.all(tasks.map((task) => task.finally(() => (settled += 1))));
      all.then(
        () => (finished = true),
        () => (finished = true),
      );
      // A waiting limit, not a measurement: only a task stuck outside this clock (a hung request) hits it.
      let realWaitMs = 0;
      const stuckAfterMs = options.stuckAfterMs ?? 60_000;
      while (!finished) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        realWaitMs += 1;
        if (finished) break;
        if (sleepers.length > 0 && sleepers.length >= tasks.length - settled) {
          advance();
          realWaitMs = 0;
        } else if (realWaitMs > stuckAfterMs) {
          throw new Error(`virtual time: ${tasks.length - settled} task(s) neither finished nor slept on the clock`);
        }
      }
      return all;
    },
  };
}
