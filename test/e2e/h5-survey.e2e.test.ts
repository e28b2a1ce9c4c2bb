import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { satisfactionSurveys } from '../../src/db/schema/index.js';
import { openDatabase } from '../../src/db/client.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { seedCustomer } from '../helpers/records.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/** The address the service is published under: the link in the rep's chat points here. */
const PUBLIC_BASE_URL = 'https://kpi.example.com';

/**
 * The customer's side of issue 17 at phone width (390×844) in real headless Chromium against the
 * server process: the rep asks for a link in the sandbox chat, the customer opens exactly that link
 * (the browser reaches the service through a stand-in for the public proxy), answers, and the link
 * then says it was used. No login anywhere.
 */
describe('public survey page in a real browser', () => {
  let app: MiniAppInBrowser;
  let link: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db) => {
      await seedCustomer(db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    }, { env: { PUBLIC_BASE_URL, SURVEY_SECRET: 'e2e-survey-secret-0123456789abcdef0123' } });
    // The reverse proxy in front of the service, for the browser: PUBLIC_BASE_URL -> the local server.
    await app.browser.route(`${PUBLIC_BASE_URL}/**`, async (route: Route) => {
      const local = `${app.server.url}${route.request().url().slice(PUBLIC_BASE_URL.length)}`;
      await route.fulfill({ response: await route.fetch({ url: local }) });
    });
    const res = await fetch(`${app.server.url}/sandbox/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ employeeNo: 'S101', text: '满意度调查 华为 李总' }),
    });
    // The reply as the rep reads it: the card shows the link (the forwardable text message may follow it).
    const { messages } = (await res.json()) as { messages: unknown[] };
    link = /https:\/\/kpi\.example\.com\/s\/[\w-]+\.[\w-]+/.exec(JSON.stringify(messages))?.[0] ?? '';
  });

  afterAll(async () => app?.stop());

  async function customerPage(): Promise<Page> {
    await app.browser.clearCookies();
    const page = await app.browser.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => app.pageErrors.push(`customer: ${error.message}`));
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    return page;
  }

  it('the rep’s chat reply holds a link under PUBLIC_BASE_URL to forward', () => {
    expect(link).toMatch(/^https:\/\/kpi\.example\.com\/s\/[\w-]{22}\.[\w-]{22}$/);
  });

  it('the customer answers on a phone, in Chinese; the answer is stored as the customer’s', async () => {
    const page = await customerPage();
    await page.goto(link);
    await expect(page.locator('h1').textContent()).resolves.toBe('客户满意度调查');
    expect(await page.locator('main p').first().innerText()).toBe('华为技术有限公司（李总）您好，张三 想听听您对我们服务的评价，只需 1 分钟。');
    // The honeypot is off screen for a person (a form-filling bot still finds it).
    const honeypot = await page.locator('input[name="website"]').boundingBox();
    expect((honeypot?.x ?? 0) + (honeypot?.width ?? 0)).toBeLessThanOrEqual(0);
    // Every score button is on screen and a finger wide, nothing wider than the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const box = await page.locator('label.opt').first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(ARTIFACTS, 'survey-form.png'), fullPage: true });

    await page.click('button[type="submit"]');
    // The browser's own required check keeps an empty form from being sent.
    await expect(page.locator('h1').textContent()).resolves.toBe('客户满意度调查');

    await page.locator('label.opt', { hasText: /^2$/ }).first().click();
    await page.locator('input[name="nps"] + span', { hasText: /^3$/ }).click();
    await page.fill('#comment', '交货晚了一周');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-filled.png'), fullPage: true });
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-state="thanks"]');
    expect(await page.locator('main').innerText()).toContain('感谢您的评价');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-thanks.png'), fullPage: true });

    const db = openDatabase(join(app.dir, 'h5.db'));
    try {
      expect(db.select().from(satisfactionSurveys).all()).toMatchObject([{ score: 2, nps: 3, comment: '交货晚了一周', verification: 'customer', source: 'h5' }]);
    } finally {
      db.$client.close();
    }
    expect(cspViolations).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('the same link again says it was used; English by the toggle', async () => {
    const page = await customerPage();
    await page.goto(link);
    await page.waitForSelector('[data-state="used"]');
    expect(await page.locator('main').innerText()).toContain('已经提交过了');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-used.png'), fullPage: true });
    await page.click('nav.lang a');
    await page.waitForSelector('html[lang="en"]');
    expect(await page.locator('main').innerText()).toContain('Already answered');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-used-en.png'), fullPage: true });
  });

  it('a tampered link shows 链接无效', async () => {
    const page = await customerPage();
    await page.goto(`${link.slice(0, -2)}xx`);
    await page.waitForSelector('[data-state="invalid"]');
    expect(await page.locator('main').innerText()).toContain('链接无效');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-invalid.png'), fullPage: true });
  });
});
