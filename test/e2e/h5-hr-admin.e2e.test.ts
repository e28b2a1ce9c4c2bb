import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssessmentRepository } from '../../src/db/repositories/assessment-repository.js';
import { ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { businessDateOf } from '../../src/domain/records/business-date.js';
import { seedMonth, seedNovember, userIdOf } from '../helpers/assessment.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

const PERIOD = '2026-11';

/**
 * HR works through an assessment in real headless Chromium against the server process: the
 * department's November assessment awaits approval; HR opens it, sees the grade chart, rejects with
 * a reason; the manager resubmits from the page; HR approves; the audit log page lists every step.
 * Then an admin edits a template weight, sees the preview of this month change, and saves it (this
 * month is the one the server is in: it is seeded relative to now, so the preview moves on the 2nd
 * of a month as much as on the 28th).
 */
describe('H5 HR and admin pages in a real browser', () => {
  let app: MiniAppInBrowser;
  let assessmentId: number;
  let server: MiniAppInBrowser['server'];
  let dir: string;
  let pageErrors: string[];
  let loggedInAs: (employeeNo: string) => Promise<Page>;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      await ensureDefaultKpiTemplate(db, now);
      await seedNovember(db);
      // The admin's preview scores the month in progress.
      const today = businessDateOf(now, 'Asia/Shanghai');
      await seedMonth(db, { visitsOn: today, wonOn: today, paidOn: today });
      // The period-close job refuses an open month; the repository generates it directly, and the manager submits in chat.
      const repo = createAssessmentRepository(db, { adjustmentBound: 10, appealWindowDays: 3, reviewReminderDays: 2, zone: 'Asia/Shanghai' });
      const { created } = await repo.generate(PERIOD, { userId: null, source: 'job', now });
      const names = await Promise.all(created.map((row) => repo.departmentName(row.departmentId)));
      const east = created[names.indexOf('华东一组')];
      if (!east) throw new Error('no 华东一组 assessment');
      assessmentId = east.id;
      const manager = (await userIdOf(db, 'S100'));
      const submitted = await repo.transition(east.id, { type: 'submit' }, { userId: manager, roles: ['manager'] }, { userId: manager, source: 'sandbox', now });
      if (!submitted.ok) throw new Error(submitted.problem.key);
    });
    ({ server, dir, pageErrors, loggedInAs } = app);
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('HR rejects with a reason, the manager resubmits, HR approves; the audit log lists the steps', async () => {
    let hr = await loggedInAs('H001');
    await hr.click('a[href="#/assessments"]');
    await hr.waitForSelector('#period');
    await hr.fill('#period', PERIOD);
    await hr.dispatchEvent('#period', 'change');
    await hr.waitForSelector(`#assessments tr[data-assessment="${assessmentId}"]`);
    expect(await hr.getAttribute(`#assessments tr[data-assessment="${assessmentId}"]`, 'data-status')).toBe('pending_approval');
    // The state filter narrows the list.
    await hr.selectOption('#state', 'approved');
    await hr.waitForSelector('#assessments p.muted');
    await hr.selectOption('#state', 'pending_approval');
    await hr.click(`#assessments tr[data-assessment="${assessmentId}"] a`);

    await hr.waitForSelector('#chart-grades canvas');
    expect(await hr.textContent('#assessment h2')).toBe(`华东一组 · ${PERIOD}`);
    const api = await hr.evaluate(async (id) => (await fetch(`/api/assessments/${id}`)).json(), assessmentId);
    expect(await hr.locator('#reps tbody tr').count()).toBe(api.assessment.reps.length);
    expect(await hr.textContent('#distribution h2')).toContain(String(api.assessment.distribution.total));
    expect(await hr.locator('#distribution-check p').count()).toBeGreaterThan(0);
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-assessment.png'), fullPage: true });

    // Reject without a reason: the server's reason shows, nothing changes; with one it goes back.
    await hr.click('#reject');
    await hr.waitForSelector('#decision .error:not([hidden])');
    expect(await hr.textContent('#decision .error')).toContain('原因');
    await hr.fill('#reject-reason', '请补充张三的客户证明');
    await hr.click('#reject');
    await hr.waitForSelector('#assessment[data-status="in_review"]');
    expect(await hr.textContent('#rejection')).toContain('请补充张三的客户证明');
    expect(await hr.locator('#decision').count()).toBe(0);
    await hr.close();

    const manager = await loggedInAs('S100');
    await manager.goto(`${server.url}/app/#/assessments/detail?id=${assessmentId}`);
    await manager.waitForSelector('#review');
    expect(await manager.textContent('#rejection')).toContain('请补充张三的客户证明');
    await manager.selectOption('#adjust-rep', { label: await manager.locator('#adjust-rep option', { hasText: '张三' }).textContent() ?? '' });
    await manager.fill('#adjust-points', '+2');
    await manager.fill('#adjust-reason', '已补客户证明');
    await manager.click('#adjust');
    await manager.waitForSelector('#assessment .notice');
    expect(await manager.locator('#review .error').isHidden()).toBe(true);
    expect(await manager.locator('#reps tbody tr', { hasText: '张三' }).textContent()).toContain('+2已补客户证明');
    await manager.screenshot({ path: join(ARTIFACTS, 'manager-review.png'), fullPage: true });
    await manager.click('#submit-review');
    await manager.waitForSelector('#assessment[data-status="pending_approval"]');
    expect(await manager.locator('#review').count()).toBe(0);
    await manager.close();

    hr = await loggedInAs('H001');
    await hr.goto(`${server.url}/app/#/assessments/detail?id=${assessmentId}`);
    await hr.waitForSelector('#approve');
    await hr.click('#approve');
    await hr.waitForSelector('#assessment[data-status="approved"]');
    expect(await hr.textContent('#assessment .notice')).toContain('已通过');

    await hr.click(`a[href="#/assessments?period=${PERIOD}"]`);
    await hr.click('#audit-link');
    await hr.waitForSelector('#audit tbody tr');
    const steps = await hr.locator('#audit tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')}@${r.getAttribute('data-source')}`));
    const assessmentSteps = steps.filter((s) => /^assessment\.(submit|reject|adjust|approve)@/.test(s));
    // Newest first.
    expect(assessmentSteps).toEqual(['assessment.approve@h5', 'assessment.submit@h5', 'assessment.adjust@h5', 'assessment.reject@h5', 'assessment.submit@sandbox']);
    await hr.selectOption('#audit-entity', 'assessment');
    await hr.click('#audit-apply');
    await hr.waitForFunction(() => Array.from(document.querySelectorAll('#audit tbody tr')).every((r) => r.textContent?.includes('assessment #')) && !document.querySelector('#audit tr[data-action="assessment.adjust"]'));
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-audit.png'), fullPage: true });
    // The export link downloads the approved workbook with the session (no admin token).
    const download = await hr.evaluate(async (period) => {
      const response = await fetch(`/api/assessment-export?period=${period}`);
      return { status: response.status, type: response.headers.get('content-type') };
    }, PERIOD);
    expect(download).toEqual({ status: 200, type: expect.stringContaining('spreadsheetml') });
    await hr.close();
  });

  it('an admin edits a template weight, sees the preview change, saves a new version; HR has no admin tab', async () => {
    const page = await loggedInAs('A001');
    await page.click('a[href="#/admin"]');
    await page.click('#templates [data-template="sales-monthly"] a');
    await page.waitForSelector('#lines [data-line]');
    const weightInput = page.locator('#lines input[data-weight]:not([disabled])').first();
    const original = Number(await weightInput.inputValue());
    // Unchanged: the preview changes no one.
    await page.click('#preview-btn');
    await page.waitForSelector('#preview-summary');
    expect(await page.textContent('#preview-summary')).toMatch(/ 0 人/);
    await weightInput.fill(String(original * 6));
    await page.click('#preview-btn');
    await page.waitForFunction(() => !/ 0 人/.test(document.querySelector('#preview-summary')?.textContent ?? ''));
    expect(await page.locator('#preview tr.changed').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-template-preview.png'), fullPage: true });
    // Nothing was saved by the preview.
    const before = await page.evaluate(async () => (await fetch('/api/admin/templates/sales-monthly')).json());
    expect(before.versions).toHaveLength(1);
    await page.fill('#version-note', '加重拜访');
    await page.click('#save-btn');
    await page.waitForSelector('.notice:not([hidden])');
    expect(await page.textContent('.notice:not([hidden])')).toContain('v2');
    const after = await page.evaluate(async () => (await fetch('/api/admin/templates/sales-monthly')).json());
    expect(after.versions).toHaveLength(2);

    await page.click('a[href="#/admin"]');
    await page.click('a[href="#/admin/ops"]');
    await page.waitForSelector('#jobs');
    expect(await page.textContent('#jobs')).toContain('assessment');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-ops.png'), fullPage: true });
    await page.close();

    const hr = await loggedInAs('H001');
    expect(await hr.locator('#nav a').allTextContents()).toEqual(['待我审批', '我的业绩', '我的记录', '团队', '考核']);
    await hr.close();
  });

  it('an admin uploads an org file with a bad row and sees it reported, then adds a channel and turns an alert rule off', async () => {
    const page = await loggedInAs('A001');
    await page.click('a[href="#/admin"]');
    await page.click('a[href="#/admin/org-import"]');
    await page.waitForSelector('#org-file');
    const bad = join(dir, '组织架构.csv');
    writeFileSync(bad, ['部门,姓名,工号,角色,上级工号', '销售部/华北三组,赵经理,N300,经理,', '销售部/华北三组,钱七,N301,销售,X999'].join('\n'));
    await page.setInputFiles('#org-file', bad);
    await page.click('#import-btn');
    await page.waitForSelector('#import-errors tr[data-row="3"]');
    expect(await page.textContent('#import-errors tr[data-row="3"]')).toContain('上级工号 X999 不存在');
    expect(await page.textContent('#import-failed')).toContain('未导入任何数据');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-org-import.png'), fullPage: true });
    const fixed = join(dir, 'org-fixed.csv');
    writeFileSync(fixed, ['部门,姓名,工号,角色,上级工号', '销售部/华北三组,赵经理,N300,经理,', '销售部/华北三组,钱七,N301,销售,N300'].join('\n'));
    await page.setInputFiles('#org-file', fixed);
    await page.click('#import-btn');
    await page.waitForSelector('#import-ok');
    expect(await page.textContent('#import-ok')).toContain('新增 2 人');
    expect(await page.locator('#import-errors').count()).toBe(0);

    await page.click('a[href="#/admin"]');
    await page.click('a[href="#/admin/channels"]');
    await page.fill('#channel-new', '抖音直播');
    await page.click('#channel-add');
    await page.waitForSelector('#channels .notice');
    const added = page.locator('#channels [data-sales-channel]', { hasText: '抖音直播' });
    await added.locator('button.toggle').click();
    await page.waitForSelector('#channels [data-active="false"]');
    expect(await page.locator('#channels [data-active="false"]').textContent()).toContain('抖音直播');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-channels.png'), fullPage: true });

    await page.click('a[href="#/admin"]');
    await page.click('a[href="#/admin/alert-rules"]');
    await page.fill('input[data-rule="stuckDealDays"]', '0');
    await page.click('#save-alerts');
    await page.waitForSelector('#alert-rules [data-rule="stuckDealDays"][data-value="0"]');
    expect(await page.textContent('#alert-rules .notice')).toContain('已保存 1 项');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-alert-rules.png'), fullPage: true });
    await page.close();
  });
});
