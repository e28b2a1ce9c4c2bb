import { vi } from 'vitest';

/**
 * Waiting budgets for suites that start real processes (tsx and the service, Chromium). A tsx start
 * takes ~8 s on an idle 2-core machine and 30 s or more on a loaded one, so these are generous. They
 * bound how long a test waits for something to happen; no test measures how long anything took.
 */
export const PROCESS_START_MS = 120_000;

/** Per-file vitest timeouts for such suites (the defaults in vitest.config.ts suit in-process tests). */
export function useProcessTimeouts(): void {
  vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });
}

/** Polls until `condition` holds; fails after `timeoutMs` (a waiting budget) naming `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
