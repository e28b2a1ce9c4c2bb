import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { withoutFaketime } from './faked-clock.js';

/** Debian's chromium (installed by .ci/run); CHROMIUM_PATH overrides. playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };

/**
 * Headless Chromium with a fresh profile directory (passed as --user-data-dir) removed by close().
 * The pages' clock is Playwright's (page.clock), started at this process's Date.now(): under
 * `npm run test:dates` that is the faked instant the server also runs at, while Chromium itself is
 * launched without libfaketime (its many processes and the GPU/IPC timing do not take well to it).
 */
export async function launchChromium(options: { userAgent?: string } = {}): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'skb-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: PHONE,
    deviceScaleFactor: 1,
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    env: withoutFaketime(process.env),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await browser.clock.install({ time: Date.now() });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
