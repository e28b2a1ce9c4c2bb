import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { openDatabase, runMigrations, type Db } from '../../src/db/client.js';
import { ensureDefaultSalesChannels } from '../../src/db/repositories/sales-channel-repository.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { launchChromium } from './chromium.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** Where the phone-width screenshots go (CI keeps them as artifacts; git ignores the folder). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts/h5');

export interface MiniAppInBrowser {
  server: ServerProcess;
  /** A temp dir of the test's own (files to upload). */
  dir: string;
  browser: BrowserContext;
  /** Uncaught script errors in any page: a test checks it stays empty. */
  pageErrors: string[];
  /** A fresh page logged in through the sandbox dev picker as this person. */
  loggedInAs(employeeNo: string): Promise<Page>;
  stop(): Promise<void>;
}

/** A browser suite starting this close to the end of a month waits for the next one (see below). */
const MONTH_END_MARGIN_MS = 3 * 60_000;

/**
 * The server runs on the real clock (or, under `npm run test:dates`, on libfaketime's), and the
 * suites seed "this month" relative to it. A suite started at 23:59:30 on the 31st would seed one
 * month and read the next, so it waits for the new month first (at most MONTH_END_MARGIN_MS, only
 * in the last minutes of a month): then seeding, the server and the pages all agree on the month.
 */
export async function waitPastMonthEnd(zone = 'Asia/Shanghai'): Promise<void> {
  const now = Date.now();
  const nextMonth = DateTime.fromMillis(now, { zone }).startOf('month').plus({ months: 1 }).toMillis();
  if (nextMonth - now > MONTH_END_MARGIN_MS) return;
  await new Promise((resolve) => setTimeout(resolve, nextMonth - now + 1_000));
}

/**
 * The real server process with the sandbox on, over a temp database holding the demo org (plus what
 * `seed` adds), and headless Chromium at phone width. Used by every H5 browser test.
 */
export async function startMiniAppInBrowser(seed: (db: Db, now: number) => void | Promise<void>, options: { env?: Record<string, string> } = {}): Promise<MiniAppInBrowser> {
  await waitPastMonthEnd();
  const dir = mkdtempSync(join(tmpdir(), 'skb-h5-'));
  const databasePath = join(dir, 'h5.db');
  const db = openDatabase(databasePath);
  try {
    runMigrations(db);
    // "Now" for the seed, the server and the pages alike: the real clock, or libfaketime's under test:dates.
    const now = Date.now();
    const imported = await importOrg(db, readJsonRows(DEMO_ORG_ROWS), { now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    await ensureDefaultSalesChannels(db, now);
    await seed(db, now);
  } finally {
    db.$client.close();
  }
  const server = await startServerProcess({ env: { DATABASE_PATH: databasePath, SANDBOX_ENABLED: 'true', ...options.env } });
  mkdirSync(ARTIFACTS, { recursive: true });
  const { browser, close } = await launchChromium();
  const pageErrors: string[] = [];
  return {
    server,
    dir,
    browser,
    pageErrors,
    async loggedInAs(employeeNo) {
      await browser.clearCookies();
      const page = await browser.newPage();
      // A waiting budget for each page action (a loaded machine renders slowly), not a measurement.
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (error) => pageErrors.push(`${employeeNo}: ${error.message}`));
      await page.goto(`${server.url}/app`);
      await page.click(`button[data-employee-no="${employeeNo}"]`);
      await page.waitForSelector('#nav a');
      return page;
    },
    async stop() {
      await close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
