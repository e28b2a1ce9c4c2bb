import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDateOf } from '../../src/domain/records/business-date.js';
import { writeXlsx } from '../../src/features/imports/tabular.js';
import { claimPayment, grantFinance } from '../helpers/finance.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { seedCustomer } from '../helpers/records.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * 回款核对 at phone width (390×844) in real headless Chromium: finance (H001, HR and finance) uploads
 * a bank statement; one claim is confirmed at once, one receipt fits two claims and is matched by
 * hand, one receipt fits nothing, one claim is rejected. A rep sees no such tab.
 */
describe('H5 finance review in a real browser', () => {
  let app: MiniAppInBrowser;
  let today = '';

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      today = businessDateOf(now, 'Asia/Shanghai');
      await grantFinance(db, 'H001', now);
      const huawei = (await seedCustomer(db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] })).id;
      const xiaomi = (await seedCustomer(db, { name: '小米科技有限责任公司', owner: 'S101', aliases: ['小米'] })).id;
      await claimPayment(db, { rep: 'S101', customerId: huawei, amountFen: 5_000_000, paidOn: addDays(today, -3), now });
      await claimPayment(db, { rep: 'S101', customerId: xiaomi, amountFen: 300_000, paidOn: addDays(today, -5), now });
      await claimPayment(db, { rep: 'S102', customerId: xiaomi, amountFen: 300_000, paidOn: addDays(today, -4), now });
      await claimPayment(db, { rep: 'S101', customerId: huawei, amountFen: 777_700, paidOn: addDays(today, -1), now });
    });
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  it('finance imports a statement, matches the ambiguous receipt by hand and rejects a claim', async () => {
    const file = join(app.dir, 'bank.xlsx');
    writeFileSync(
      file,
      await writeXlsx('流水', ['日期', '客户', '金额', '单号', '备注'], [
        [addDays(today, -2), '华为技术有限公司', '50000', 'B-001', '首付'],
        [addDays(today, -4), '小米', '3000', 'B-002', ''],
        [today, '比亚迪', '12000', 'B-003', '未知客户'],
      ]),
    );
    const page = await app.loggedInAs('H001');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('a[href="#/finance"]');
    await page.waitForSelector('#finance-import');
    expect(await page.textContent('#finance-import')).toContain('金额相差不超过 ¥1.00，日期相差不超过 7 天');
    await page.setInputFiles('#receipt-file', file);
    await page.click('#receipt-upload');
    await page.waitForSelector('#finance-notice');
    expect(await page.textContent('#finance-notice')).toBe('新增 3 条（已导入过 0 条），自动确认 1 笔，待核对 1 笔');
    expect(await page.textContent('#finance-ambiguous h2')).toBe('多笔可能匹配（1）');
    expect(await page.locator('#finance-ambiguous [data-claim]').count()).toBe(2);
    expect(await page.textContent('#finance-receipts')).toContain('B-003 · 比亚迪 · ¥12,000.00');
    expect(await page.textContent('#finance-claims')).toContain('华为技术有限公司 · ¥7,777.00');
    await page.screenshot({ path: join(ARTIFACTS, 'finance-review.png'), fullPage: true });

    // Finance knows B-002 is S102's claim: the button beside the second candidate.
    await page.locator('#finance-ambiguous [data-claim]').nth(1).click();
    await page.waitForFunction(() => document.querySelector('#finance-notice')?.textContent?.startsWith('已确认：流水 B-002'));
    expect(await page.textContent('#finance-ambiguous h2')).toBe('多笔可能匹配（0）');
    await page.screenshot({ path: join(ARTIFACTS, 'finance-matched.png'), fullPage: true });

    const lonely = page.locator('#finance-claims li', { hasText: '¥7,777.00' });
    await lonely.locator('input').fill('银行无此笔');
    await lonely.locator('button.reject').click();
    await page.waitForFunction(() => document.querySelector('#finance-notice')?.textContent?.startsWith('已驳回'));
    expect(await page.textContent('#finance-claims')).not.toContain('¥7,777.00');
    await page.screenshot({ path: join(ARTIFACTS, 'finance-rejected.png'), fullPage: true });
    await page.close();
  });

  it('a rep has no 回款核对 tab', async () => {
    const page = await app.loggedInAs('S101');
    expect(await page.locator('#nav a').allTextContents()).not.toContain('回款核对');
    await page.close();
  });
});
