import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

interface Scorecard {
  scorecard: { userId: number; grade: string | null; lines: { id: string; target: string | null }[]; pay: { text: string | null; note: string } } | null;
}

const getJson = async <T>(page: Page, path: string) => (await page.evaluate(async (p) => (await fetch(p)).json(), path)) as T;

/**
 * Issue 18 at phone width: an admin opens 目标拆分 from the nav, splits a team's 回款 target by hand
 * (amounts in 元, the sum check live while typing and after saving) and the reps' scorecards carry
 * the targets; the template editor's pay rule, refused when bad and then saved, shows on a rep's
 * H5 scorecard as 预计绩效奖金系数.
 */
describe('H5 targets and pay rule in a real browser', () => {
  let app: MiniAppInBrowser;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      await ensureDefaultKpiTemplate(db, now);
    });
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  it('splits a department target by hand from the nav, with the sum check live and after saving; the rep’s scorecard has the target', async () => {
    const page = await app.loggedInAs('A001');
    await page.click('#nav a[href="#/targets/departments"]');
    await page.waitForSelector('#org-dept');
    const { departments } = await getJson<{ departments: { id: number; path: string }[] }>(page, '/api/targets/departments');
    const east = departments.find((d) => d.path === '销售部/华东一组');
    if (!east) throw new Error('no 华东一组');
    await page.selectOption('#org-dept', String(east.id));
    await page.waitForSelector(`[data-department="${east.id}"] #org-line`);
    await page.selectOption('#org-line', 'payments');
    await page.selectOption('#org-method', 'manual');
    await page.waitForSelector('#org-manual [data-rep]');
    const reps = page.locator('#org-manual input[data-rep]');
    expect(await reps.count()).toBe(6);

    // 300,000 元 for the team; by hand 40,000 + 60,000 + 4 × 50,000 元, one left blank at first.
    await page.fill('#org-target', '300000');
    const amounts = ['40000', '60000', '50000', '50000', '50000', '50000'];
    for (let i = 0; i < 5; i++) await reps.nth(i).fill(amounts[i] as string);
    await reps.nth(5).fill('');
    expect(await page.textContent('#org-live-check')).toBe('个人目标合计 ¥250,000 / 25万，部门目标 ¥300,000 / 30万，差额 ¥-50,000 / -5万（83.3%）');
    expect(await page.getAttribute('#org-live-check', 'class')).toBe('error');
    await reps.nth(5).fill('50000');
    expect(await page.textContent('#org-live-check')).toBe('个人目标合计 ¥300,000 / 30万，部门目标 ¥300,000 / 30万，差额 ¥0（100.0%）');
    await page.screenshot({ path: join(ARTIFACTS, 'org-targets-manual.png'), fullPage: true });

    await page.click('#org-save');
    await page.waitForSelector('#org-saved:not([hidden])');
    expect(await page.textContent('#org-saved')).toBe('已保存第 1 版。个人目标合计 ¥300,000 / 30万，部门目标 ¥300,000 / 30万，差额 ¥0（100.0%）');
    expect(await page.textContent('[data-line="payments"] [data-sum-check]')).toBe('个人目标合计 ¥300,000 / 30万，部门目标 ¥300,000 / 30万，差额 ¥0（100.0%）');
    await page.screenshot({ path: join(ARTIFACTS, 'org-targets-saved.png'), fullPage: true });
    // Stored per rep in fen, as the per-rep targets page reads them.
    const period = (await getJson<{ today: string }>(page, '/api/me')).today.slice(0, 7);
    const stored = await getJson<{ reps: { employeeNo: string; lines: { line: string; target: number | null }[] }[] }>(page, `/api/admin/targets?period=${period}`);
    const payments = Object.fromEntries(stored.reps.filter((r) => r.employeeNo.startsWith('S1')).map((r) => [r.employeeNo, r.lines.find((l) => l.line === 'payments')?.target]));
    expect(payments).toEqual({ S100: 4_000_000, S101: 6_000_000, S102: 5_000_000, S103: 5_000_000, S104: 5_000_000, S105: 5_000_000 });
    await page.close();

    // 张三 (S101, the second by employee number) reads 60,000 元 as his 回款 target.
    const rep = await app.loggedInAs('S101');
    const card = await getJson<Scorecard>(rep, '/api/scorecard?period=month');
    expect(card.scorecard?.lines.find((l) => l.id === 'payments')?.target).toBe('6万');
    await rep.close();
  });

  it('the template editor saves a pay rule (a bad one refused, nothing changed) and the rep’s H5 scorecard shows 预计绩效奖金系数', async () => {
    const rep = await app.loggedInAs('S102');
    const before = await getJson<Scorecard>(rep, '/api/scorecard?period=month');
    const grade = before.scorecard?.grade;
    if (!grade) throw new Error('李四 has no grade this month');
    await rep.close();

    const page = await app.loggedInAs('A001');
    await page.goto(`${app.server.url}/app/#/admin/template?code=sales-monthly`);
    await page.waitForSelector(`#pay-rule input[data-coefficient="${grade}"]`);
    await page.fill(`#pay-rule input[data-coefficient="${grade}"]`, '1.25');
    await page.check('#pay-commission');
    await page.fill('#pay-tiers [data-tier-rate] >> nth=0', '3');
    await page.click('#pay-add-tier');
    await page.fill('#pay-tiers [data-tier-from] >> nth=1', '0');
    await page.fill('#pay-tiers [data-tier-rate] >> nth=1', '5');

    // Tiers that do not rise: the server's refusal in Chinese, and no version is written.
    await page.click('#pay-save');
    await page.waitForSelector('#pay-error:not([hidden])');
    expect(await page.textContent('#pay-error')).toMatch(/^绩效规则有误：/);
    const rule = () => getJson<{ versions: unknown[]; rule: { coefficients: { grade: string; bp: number }[]; commission: { tiers: { fromFen: number; rateBp: number }[] } | null } }>(page, '/api/admin/templates/sales-monthly/pay-rule');
    expect((await rule()).versions).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'pay-rule-refused.png'), fullPage: true });

    await page.fill('#pay-tiers [data-tier-from] >> nth=1', '100000');
    await page.click('#pay-save');
    await page.waitForSelector('#pay-saved:not([hidden])');
    expect(await page.textContent('#pay-saved')).toMatch(/^已保存绩效规则第 1 版，/);
    const saved = await rule();
    expect(saved.rule.coefficients.find((c) => c.grade === grade)?.bp).toBe(12_500);
    expect(saved.rule.commission).toEqual({ tiers: [{ fromFen: 0, rateBp: 300 }, { fromFen: 10_000_000, rateBp: 500 }] });
    await page.reload();
    await page.waitForSelector(`#pay-rule input[data-coefficient="${grade}"]`);
    expect(await page.inputValue(`#pay-rule input[data-coefficient="${grade}"]`)).toBe('1.25');
    expect(await page.locator('#pay-tiers [data-tier-from]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['0', '100000']);
    await page.screenshot({ path: join(ARTIFACTS, 'pay-rule-saved.png'), fullPage: true });
    await page.close();

    const shown = await app.loggedInAs('S102');
    await shown.waitForSelector('[data-pay]');
    expect(await shown.textContent('[data-pay]')).toBe('预计绩效奖金系数 1.25 / 预计提成 ¥0（仅供参考，非工资）');
    await shown.screenshot({ path: join(ARTIFACTS, 'scorecard-pay.png'), fullPage: true });
    await shown.close();
  });
});
