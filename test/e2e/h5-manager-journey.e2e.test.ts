import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { satisfactionSurveys, surveyLinks, visits } from '../../src/db/schema/index.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * The manager on Monday morning, at phone width (390×844) in real headless Chromium against the
 * server process: the team page's funnel says it is loading while the chart script comes, then
 * shows deals with their units and stage names that fit; a name in the ranking opens that rep's
 * scorecard titled "张三的考核", not "我的考核". Seeded on "today" of the server's clock.
 */
describe('H5 manager journey in a real browser', () => {
  let app: MiniAppInBrowser;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      const today = DateTime.fromMillis(now, { zone: 'Asia/Shanghai' }).toISODate() as string;
      const zhang = await kpiRecords(db, 'S101');
      const customer = await zhang.customer();
      await zhang.visits([customer], 3, today);
      const won = await zhang.deal(customer, 5_000_000, 'won', today);
      await zhang.payment(won, customer, 3_000_000, today);
      await zhang.deal(customer, 12_500_000, 'proposal', today);
      await zhang.deal(customer, 2_000_000, 'proposal', today);
      const li = await kpiRecords(db, 'S102');
      await li.visits([await li.customer()], 1, today);
      // A customer's answer through a survey link, and one of 李四's visits the manager doubted.
      const survey = db
        .insert(satisfactionSurveys)
        .values({ customerId: customer, repUserId: zhang.userId, score: 2, nps: 3, comment: '发货慢', surveyedOn: today, source: 'h5', verification: 'customer', createdAt: now, updatedAt: now })
        .returning({ id: satisfactionSurveys.id })
        .get().id;
      db.insert(surveyLinks).values({ id: 'e2e-survey-link', customerId: customer, contactName: '李总', repUserId: zhang.userId, createdAt: now, expiresAt: now + 86_400_000, answeredAt: now, surveyId: survey }).run();
      db.update(visits).set({ doubtedAt: now }).where(eq(visits.repUserId, li.userId)).run();
    });
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  it('team page: the funnel loads with a placeholder, units and labels that fit; 张三 opens as 张三的考核', async () => {
    const page = await app.loggedInAs('S100');
    // Hold the chart script back until the placeholder has been seen (released below, not timed).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/vendor/echarts/echarts.common.min.js', async (route: Route) => {
      await held;
      await route.continue();
    });
    // The landing page may have loaded the chart script before the route was set: start afresh under it.
    await page.reload();
    await page.waitForSelector('#nav a');
    await page.click('a[href="#/team"]');
    await page.waitForSelector('#chart-funnel .chart-placeholder');
    expect(await page.textContent('#chart-funnel')).toBe('图表加载中…');
    await page.screenshot({ path: join(ARTIFACTS, 'manager-funnel-loading.png'), fullPage: true });
    release();
    await page.waitForSelector('#chart-funnel canvas');
    expect(await page.locator('#chart-funnel .chart-placeholder').count()).toBe(0);

    const funnel = await page.evaluate(() => {
      const echarts = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): Record<string, unknown> } } }).echarts;
      const option = echarts.getInstanceByDom(document.querySelector('#chart-funnel') as Element).getOption() as {
        xAxis: { name: string }[];
        yAxis: { data: string[] }[];
        grid: { containLabel: boolean }[];
        series: { data: number[]; label: { formatter: (p: { value: number; dataIndex: number }) => string } }[];
      };
      const series = option.series[0]!;
      return {
        axis: option.xAxis[0]!.name,
        stages: option.yAxis[0]!.data,
        containLabel: option.grid[0]!.containLabel,
        labels: series.data.map((value, dataIndex) => series.label.formatter({ value, dataIndex })),
      };
    });
    expect(funnel.axis).toBe('商机数（个）');
    expect(funnel.containLabel).toBe(true);
    const proposal = funnel.stages.indexOf('方案/报价');
    expect(proposal).toBeGreaterThanOrEqual(0);
    // Two proposals worth 12.5万 + 2万: count and amount, each with its unit.
    expect(funnel.labels[proposal]).toBe('2 个 · 14.50 万元');
    await page.screenshot({ path: join(ARTIFACTS, 'manager-team.png'), fullPage: true });

    await page.click('#ranking a:text("张三")');
    await page.waitForSelector('#scorecard h2');
    expect(await page.textContent('#scorecard h2')).toMatch(/^张三的考核/);
    expect(await page.textContent('#scorecard h2')).not.toContain('我的考核');
    expect(await page.textContent('#viewing')).toBe('张三 的业绩');
    await page.screenshot({ path: join(ARTIFACTS, 'manager-rep-drilldown.png'), fullPage: true });

    // Their own dashboard is still 我的考核.
    await page.goto(`${app.server.url}/app/#/dashboard`);
    await page.waitForFunction(() => document.querySelector('#scorecard h2')?.textContent?.startsWith('我的考核'));
    await page.close();
  });

  it('team page: the doubted visit is listed, and a customer\'s low score becomes a complaint in one click', async () => {
    const page = await app.loggedInAs('S100');
    await page.goto(`${app.server.url}/app/#/team`);
    await page.waitForSelector('#surveys tr[data-survey] button.convert');
    expect(await page.textContent('#doubted li')).toContain('李四 · 拜访');
    expect(await page.textContent('#surveys tr[data-survey]')).toContain('发货慢');
    await page.click('#surveys button.convert');
    await page.waitForSelector('#surveys tr[data-survey] :text("已转为投诉 #")');
    await page.screenshot({ path: join(ARTIFACTS, 'manager-surveys.png'), fullPage: true });
    await page.close();
  });
});
