/**
 * Work started after a callback was acknowledged. Shutdown waits for it, so an acknowledged event
 * is not dropped half-way by a restart.
 */
export function createInFlight() {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work: Promise<unknown>): void {
      const guarded = work.catch(() => undefined).finally(() => pending.delete(guarded));
      pending.add(guarded);
    },
    get size(): number {
      return pending.size;
    },
    /**
     * Resolves when everything tracked so far (and started meanwhile) has finished, or at the deadline
     * (measured on the monotonic clock: a wall-clock step during shutdown neither cuts it short nor stretches it).
     */
    async drain(timeoutMs: number): Promise<void> {
      const deadline = performance.now() + timeoutMs;
      while (pending.size > 0 && performance.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled([...pending]), new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - performance.now()))))]);
        clearTimeout(timer);
      }
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
