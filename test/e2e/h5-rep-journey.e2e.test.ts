import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/index.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * The rep after a meeting, at phone width (390×844) in real headless Chromium against the server
 * process: 我的业绩, then the visit form, a recently visited customer, a new contact added in the
 * same form, saved; the list shows the visit and the month's progress. Seeded on "today".
 */
describe('H5 rep journey in a real browser', () => {
  let app: MiniAppInBrowser;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      const today = DateTime.fromMillis(now, { zone: 'Asia/Shanghai' }).toISODate() as string;
      const zhang = await kpiRecords(db, 'S101');
      const visited = await zhang.customer();
      await zhang.customer();
      await zhang.visits([visited], 1, today);
      db.insert(contacts).values({ customerId: visited, name: '李总', title: '总经理', createdAt: now, updatedAt: now }).run();
    });
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  it('我的业绩 -> visit form: recent customer, a new contact, saved with the month\'s progress', async () => {
    const page = await app.loggedInAs('S101');
    await page.click('a[href="#/dashboard"]');
    await page.waitForSelector('#scorecard h2');
    expect(await page.textContent('#scorecard h2')).toContain('我的考核');
    await page.screenshot({ path: join(ARTIFACTS, 'rep-dashboard.png'), fullPage: true });

    await page.click('a[href="#/records"]');
    await page.click('#add-visit');
    await page.waitForSelector('#visit-form');
    // The recently visited customer comes first, in its own group.
    expect(await page.locator('#v-customer optgroup').first().getAttribute('label')).toBe('最近拜访');
    expect(await page.locator('#v-customer optgroup').first().textContent()).toBe('S101客户1');
    await page.selectOption('#v-customer', { label: 'S101客户1' });
    await page.waitForSelector('#v-contact option:text("李总（总经理）")', { state: 'attached' });
    expect(await page.locator('#v-contact option').allTextContents()).toEqual(['（不选）', '李总（总经理）']);
    await page.fill('#v-new-contact', '王工');
    await page.fill('#v-contact-title', '技术总监');
    await page.fill('#v-notes', '技术交流，确认需求');
    await page.screenshot({ path: join(ARTIFACTS, 'rep-visit-form.png'), fullPage: true });

    await page.click('#visit-form button[type=submit]');
    await page.waitForSelector('#saved-progress');
    const body = await page.textContent('main');
    expect(body).toContain('拜访已保存');
    // Neither visit is checked in or confirmed yet: the shipped template counts them once verified.
    expect(await page.textContent('#saved-progress')).toMatch(/^本月拜访次数 0\/\d+，进度 0%（另有 2 次待核实，核实后计入）$/);
    expect(body).toContain('技术交流，确认需求');
    await page.screenshot({ path: join(ARTIFACTS, 'rep-visit-saved.png'), fullPage: true });

    // The new contact is now one to pick next time.
    await page.click('#add-visit');
    await page.waitForSelector('#visit-form');
    await page.selectOption('#v-customer', { label: 'S101客户1' });
    await page.waitForSelector('#v-contact option:text("王工（技术总监）")', { state: 'attached' });
  });
});
