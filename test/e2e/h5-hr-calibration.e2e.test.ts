import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssessmentRepository } from '../../src/db/repositories/assessment-repository.js';
import { ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { seedMonth, seedNovember, userIdOf } from '../helpers/assessment.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * HR calibrates November at phone width in real headless Chromium: from 待我审批 to 校准, each
 * department's final grades against the target curve (S ≤ 10%, D ≥ 5%) beside October, each rep's
 * detail, and the manager's adjustment with its reason; then one department only.
 */
describe('H5 HR calibration in a real browser', () => {
  let app: MiniAppInBrowser;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      await ensureDefaultKpiTemplate(db, now);
      await seedMonth(db, { visitsOn: '2026-10-15', wonOn: '2026-10-10', paidOn: '2026-10-20' });
      await seedNovember(db);
      const repo = createAssessmentRepository(db, { adjustmentBound: 10, appealWindowDays: 3, reviewReminderDays: 2, zone: 'Asia/Shanghai' });
      await repo.generate('2026-10', { userId: null, source: 'job', now });
      const { created } = await repo.generate('2026-11', { userId: null, source: 'job', now });
      const names = await Promise.all(created.map((row) => repo.departmentName(row.departmentId)));
      const east = created[names.indexOf('华东一组')];
      if (!east) throw new Error('the demo org has no 华东一组 assessment');
      const wang = (await userIdOf(db, 'S100'));
      const adjusted = await repo.transition(east.id, { type: 'adjust', repUserId: (await userIdOf(db, 'S101')), points: 5, reason: '大客户贡献' }, { userId: wang, roles: ['manager'] }, { userId: wang, source: 'sandbox', now });
      if (!adjusted.ok) throw new Error(adjusted.problem.key);
    });
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  it('HR opens 校准 from 待我审批 and reads the curve, last period, each rep and the adjustments', async () => {
    const hr = await app.loggedInAs('H001');
    await hr.goto(`${app.server.url}/app/#/approvals?period=2026-11`);
    await hr.waitForFunction(() => document.querySelector('main h2')?.textContent === '待我审批 · 2026-11' && document.querySelector('#approvals tbody tr'));
    await hr.click('#calibration-link');
    await hr.waitForSelector('#calibration section.calibration');
    expect(await hr.textContent('main h2')).toBe('考核校准 · 2026-11');
    expect(await hr.textContent('#calibration-curve')).toBe('目标分布：S ≤ 10%，D ≥ 5%；对比上期 2026-10');

    const east = hr.locator('#calibration section.calibration', { hasText: '华东一组' });
    expect(await east.locator('h3').textContent()).toBe('华东一组 待经理复核');
    expect(await east.locator('.calibration-curve tbody tr td:first-child').allTextContents()).toEqual(['S', 'A', 'B', 'C', 'D']);
    // The target column: S at most ⌈n × 10%⌉ = 1 of a small team, D at least ⌊n × 5%⌋ = 0; the others have none.
    expect(await east.locator('.calibration-curve tr[data-grade="S"] .target').textContent()).toMatch(/^≤ 1 人 (✓|⚠️)$/);
    expect(await east.locator('.calibration-curve tr[data-grade="D"] .target').textContent()).toBe('≥ 0 人 ✓');
    expect(await east.locator('.calibration-curve tr[data-grade="B"] .target').textContent()).toBe('—');
    const people = (await east.locator('.calibration-curve .now').allTextContents()).map((text) => Number(text.split(' ')[0]));
    const before = (await east.locator('.calibration-curve .previous').allTextContents()).map((text) => Number(text.split(' ')[0]));
    const reps = await east.locator('.calibration-reps tbody tr').count();
    expect(people.reduce((a, b) => a + b, 0)).toBe(reps);
    expect(before.reduce((a, b) => a + b, 0)).toBe(reps);
    expect(await east.locator('.rounding').textContent()).toContain('小团队');
    expect(await east.locator('.checks li').first().textContent()).toMatch(/^S 级 \d 人，上限 1 人/);

    const zhang = east.locator('.calibration-reps tbody tr', { hasText: '张三' });
    expect(await zhang.locator('td').nth(2).textContent()).toBe('+5');
    expect(await zhang.locator('.previous').textContent()).toMatch(/^\d+(\.\d+)? [SABCD]$/);
    expect(await east.locator('.adjustments li').allTextContents()).toEqual([expect.stringMatching(/^张三 \+5：大客户贡献（[SABCD] → [SABCD]）$/)]);
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-calibration.png'), fullPage: true });

    const departments = await hr.locator('#calibration section.calibration').count();
    expect(departments).toBeGreaterThan(1);
    await hr.selectOption('#calibration-department', { label: '华东一组' });
    await hr.waitForFunction(() => document.querySelectorAll('#calibration section.calibration').length === 1);
    expect(await hr.locator('#calibration section.calibration h3').textContent()).toContain('华东一组');
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-calibration-department.png'), fullPage: true });
    await hr.close();
  });
});
