import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

interface TargetRep {
  userId: number;
  name: string;
  lines: { line: string; unit: string; templateTarget: number | null; target: number | null }[];
}

/**
 * An admin at phone width types amounts as people write them: 100000 in a per-rep money target is
 * 100000 元 (stored as 10000000 fen, read back as ¥100,000 / 10万), not ¥1,000.
 */
describe('H5 admin amounts in 元 in a real browser', () => {
  let app: MiniAppInBrowser;

  beforeAll(async () => {
    app = await startMiniAppInBrowser((db, now) => {
      ensureDefaultKpiTemplate(db, now);
    });
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  it('typing 100000 元 as a rep’s money target stores 10000000 fen and shows ¥100,000 / 10万', async () => {
    const page = await app.loggedInAs('A001');
    await page.goto(`${app.server.url}/app/#/admin/targets`);
    await page.waitForSelector('#targets [data-user]');
    const period = await page.inputValue('#targets-period');
    const targets = async () => (await page.evaluate(async (p) => (await fetch(`/api/admin/targets?period=${p}`)).json(), period)) as { reps: TargetRep[] };
    const zhang = (await targets()).reps.find((r) => r.name === '张三');
    const money = zhang?.lines.find((l) => l.unit === 'fen');
    if (!zhang || !money) throw new Error('张三 has no money line');
    expect(await page.textContent('main')).toContain('金额单位为元');

    const input = page.locator(`#targets [data-user="${zhang.userId}"] input[data-target="${money.line}"]`);
    await input.fill('100000');
    const shown = input.locator('xpath=following-sibling::span[contains(@class, "amount-shown")]');
    expect(await shown.textContent()).toBe('¥100,000 / 10万');
    await page.click('#save-targets');
    await page.waitForSelector('#targets .notice:not([hidden]), section .notice:not([hidden])');
    const saved = (await targets()).reps.find((r) => r.userId === zhang.userId)?.lines.find((l) => l.line === money.line);
    expect(saved?.target).toBe(10_000_000);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-targets-yuan.png'), fullPage: true });

    // Read back after a reload: the input holds 元, the reading beside it ¥ and 万.
    await page.reload();
    await page.waitForSelector('#targets [data-user]');
    expect(await input.inputValue()).toBe('100000');
    expect(await shown.textContent()).toBe('¥100,000 / 10万');

    // 元 with more than two decimals is refused on the page, nothing is sent.
    await input.fill('12.345');
    expect(await shown.textContent()).toContain('不是有效的数值');
    await page.click('#save-targets');
    await page.waitForSelector('.error:not([hidden])');
    expect((await targets()).reps.find((r) => r.userId === zhang.userId)?.lines.find((l) => l.line === money.line)?.target).toBe(10_000_000);
    await page.close();
  });
});
