import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDateOf } from '../../src/domain/records/business-date.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();


/**
 * The mini-app in real headless Chromium against the real server process (sandbox on, temp DB with
 * the demo org): a rep logs in through the dev picker, reads the scorecard with its charts, logs a
 * visit through the form and finds it in the list; a manager opens the team page.
 */
describe('H5 mini-app in a real browser', () => {
  let app: MiniAppInBrowser;
  let pageErrors: string[];
  let loggedInAs: (employeeNo: string) => Promise<Page>;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      const today = businessDateOf(now, 'Asia/Shanghai');
      // Last week when that is still this month, so the month's scorecard counts all three visits.
      const lastWeek = addDays(today, -7).slice(0, 7) === today.slice(0, 7) ? addDays(today, -7) : today;
      const zhang = await kpiRecords(db, 'S101');
      // Created on the 1st: completeness checks the records created in the period (issue 16), so its gap shows.
      const customer = await zhang.customer(new Date(`${today.slice(0, 7)}-01T00:00:00+08:00`).toISOString(), 'direct');
      // Checked in at the customer: the shipped template counts located or manager-confirmed visits.
      await zhang.visits([customer], 2, lastWeek, 'located');
      await zhang.visits([customer], 1, today, 'located');
    });
    ({ pageErrors, loggedInAs } = app);
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('a rep logs in, sees the scorecard and the charts, adds a visit and finds it in the list', async () => {
    const page = await loggedInAs('S101');
    await page.waitForSelector('#scorecard [data-line]');
    const api = await page.evaluate(async () => (await fetch('/api/scorecard?period=month')).json());
    expect(await page.textContent('#scorecard [data-total]')).toBe(api.scorecard.total ?? '—');
    const visitsLine = api.scorecard.lines.find((l: { id: string }) => /visit/.test(l.id));
    expect(visitsLine.actual).toMatch(/^3/);
    expect(await page.textContent(`#scorecard [data-line="${visitsLine.id}"]`)).toContain(visitsLine.explanation);
    await page.waitForSelector('#chart-visits canvas');
    await page.waitForSelector('#chart-money canvas');
    expect(await page.locator('#chart-visits canvas').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'rep-dashboard.png'), fullPage: true });

    // The completeness gap links to the customer form; completing it clears the gap.
    const gap = page.locator('#completeness [data-gap^="customer-"]');
    expect(await gap.textContent()).toContain('地区');
    await gap.locator('a').click();
    await page.waitForSelector('#customer-form');
    expect(await page.inputValue('#c-name')).toBe('S101客户1');
    await page.fill('#c-region', '上海');
    await page.fill('#c-industry', '制造');
    await page.click('#customer-form button[type=submit]');
    await page.waitForSelector('#completeness');
    expect(await page.locator('#completeness [data-gap^="customer-"]').count()).toBe(0);

    await page.click('a[href="#/records"]');
    await page.waitForSelector('#list .list-item');
    expect(await page.locator('#list .list-item').count()).toBe(3);
    await page.click('#add-visit');
    await page.waitForSelector('#visit-form');
    await page.selectOption('#v-customer', { label: 'S101客户1' });
    await page.selectOption('#v-kind', 'phone');
    await page.fill('#v-notes', '浏览器里记的拜访：确认了预算');
    await page.screenshot({ path: join(ARTIFACTS, 'rep-add-visit.png'), fullPage: true });
    await page.click('#visit-form button[type=submit]');
    await page.waitForSelector('.notice');
    await page.waitForSelector('#list .list-item');
    expect(await page.locator('#list .list-item').count()).toBe(4);
    expect(await page.textContent('#list .list-item:first-child')).toContain('浏览器里记的拜访：确认了预算');
    await page.screenshot({ path: join(ARTIFACTS, 'rep-visits.png'), fullPage: true });

    // Edit it: the form opens with the stored values; the change shows in the list.
    await page.click('#list .list-item:first-child a.edit');
    await page.waitForSelector('#visit-form');
    expect(await page.inputValue('#v-notes')).toBe('浏览器里记的拜访：确认了预算');
    await page.fill('#v-notes', '改过：预算已确认');
    await page.click('#visit-form button[type=submit]');
    await page.waitForSelector('.notice');
    expect(await page.textContent('#list .list-item:first-child')).toContain('改过：预算已确认');
    expect(await page.locator('#list .list-item').count()).toBe(4);

    // A refused entry shows the server's reason and stores nothing.
    await page.click('#add-visit');
    await page.waitForSelector('#visit-form');
    await page.selectOption('#v-customer', { label: 'S101客户1' });
    await page.$eval('#v-date', (input) => {
      (input as HTMLInputElement).removeAttribute('max');
      (input as HTMLInputElement).value = '2099-01-01';
    });
    await page.click('#visit-form button[type=submit]');
    await page.waitForSelector('#visit-form .error:not([hidden])');
    expect(await page.textContent('#visit-form .error')).toContain('2099-01-01');
    await page.close();
  });

  it('a manager opens the team page: ranking, funnel chart and channels; a rep has no team tab', async () => {
    const page = await loggedInAs('S100');
    await page.click('a[href="#/team"]');
    await page.waitForSelector('#ranking tbody tr');
    // The team's alerts sit on top, as the API computes them now.
    const alerts = (await page.evaluate(async () => (await fetch('/api/team/alerts')).json())) as { alerts: unknown[] };
    expect(await page.locator('#alerts li').count()).toBe(alerts.alerts.length);
    await page.waitForSelector('#alerts h2');
    const names = await page.locator('#ranking tbody tr td:nth-child(2)').allTextContents();
    expect(names).toContain('张三');
    expect(names).not.toContain('刘洋');
    await page.waitForSelector('#chart-funnel canvas');
    const channels = await page.evaluate(async () => (await fetch('/api/team/channels?period=month')).json());
    const direct = channels.salesChannels.find((c: { salesChannelName: string }) => c.salesChannelName === '直销');
    expect(direct.visits).toBe(4);
    expect(await page.locator('#channels tbody tr', { hasText: '直销' }).locator('td:nth-child(2)').textContent()).toBe('4');
    await page.screenshot({ path: join(ARTIFACTS, 'manager-team.png'), fullPage: true });
    // A name in the ranking opens that rep's scorecard.
    await page.click('#ranking a:text("张三")');
    await page.waitForSelector('#viewing');
    expect(await page.textContent('#viewing')).toBe('张三 的业绩');
    await page.waitForSelector('#scorecard [data-line]');
    await page.close();

    const rep = await loggedInAs('S102');
    expect(await rep.locator('#nav a').allTextContents()).toEqual(['我的业绩', '我的记录']);
    await rep.click('#lang');
    await rep.waitForSelector('#scorecard');
    expect(await rep.locator('#nav a').allTextContents()).toEqual(['My KPI', 'My records']);
    await rep.close();
  });
});
