import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssessmentRepository } from '../../src/db/repositories/assessment-repository.js';
import { ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { plainText } from '../../src/domain/user-text.js';
import { seedNovember, userIdOf } from '../helpers/assessment.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

const PERIOD = '2026-11';

interface TranscriptMessage {
  direction: 'in' | 'out';
  payload: { type: string; card?: { title: string } };
}

/**
 * HR at month end, at phone width in real headless Chromium against the server process: HR lands
 * on 待我审批 (not on an empty 我的业绩), sees each department's state, chases (催办) the manager who
 * has not submitted (the card reaches the manager's sandbox chat; a second click says it was
 * already sent today), then reads the audit log as sentences and filters it by person.
 */
describe('H5 HR journey at month end in a real browser', () => {
  let app: MiniAppInBrowser;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(async (db, now) => {
      await ensureDefaultKpiTemplate(db, now);
      await seedNovember(db);
      const repo = createAssessmentRepository(db, { adjustmentBound: 10, appealWindowDays: 3, reviewReminderDays: 2, zone: 'Asia/Shanghai' });
      const { created } = await repo.generate(PERIOD, { userId: null, source: 'job', now });
      const names = await Promise.all(created.map((row) => repo.departmentName(row.departmentId)));
      const east = created[names.indexOf('华东一组')];
      const south = created[names.indexOf('华南二组')];
      if (!east || !south) throw new Error('the demo org has no 华东一组 or 华南二组 assessment');
      // 华东一组: the manager adjusted 张三 but has not submitted (the one to chase); 华南二组: submitted.
      const wang = (await userIdOf(db, 'S100'));
      const adjusted = await repo.transition(east.id, { type: 'adjust', repUserId: (await userIdOf(db, 'S101')), points: 5, reason: '大客户贡献' }, { userId: wang, roles: ['manager'] }, { userId: wang, source: 'sandbox', now });
      if (!adjusted.ok) throw new Error(adjusted.problem.key);
      const southManager = (await userIdOf(db, 'S200'));
      const submitted = await repo.transition(south.id, { type: 'submit' }, { userId: southManager, roles: ['manager'] }, { userId: southManager, source: 'sandbox', now });
      if (!submitted.ok) throw new Error(submitted.problem.key);
    });
  });

  afterAll(async () => app?.stop());

  afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  const transcriptOf = async (employeeNo: string): Promise<TranscriptMessage[]> =>
    ((await (await fetch(`${app.server.url}/sandbox/api/transcript?employeeNo=${employeeNo}`)).json()) as { messages: TranscriptMessage[] }).messages;
  // Card titles as a person reads them (without the user-text marks the renderers escape by).
  const chaseCardsTo = async (employeeNo: string) => (await transcriptOf(employeeNo)).flatMap((m) => (m.direction === 'out' && m.payload.card ? [plainText(m.payload.card.title)] : [])).filter((title) => title.startsWith('催办'));

  it('HR lands on 待我审批, chases the manager once today, and reads the audit log by person', async () => {
    const hr = await app.loggedInAs('H001');
    // HR's landing (no hash) is 待我审批, the first tab HR may see, not 我的业绩.
    await hr.waitForSelector('#approvals');
    expect(await hr.locator('#nav a.active').textContent()).toBe('待我审批');
    await hr.goto(`${app.server.url}/app/#/approvals?period=${PERIOD}`);
    await hr.waitForFunction((period) => document.querySelector('main h2')?.textContent === `待我审批 · ${period}` && document.querySelector('#approvals tbody tr'), PERIOD);
    const east = hr.locator('#approvals tbody tr', { hasText: '华东一组' });
    const south = hr.locator('#approvals tbody tr', { hasText: '华南二组' });
    expect(await east.textContent()).toContain('待经理复核');
    expect(await south.textContent()).toContain('待 HR 审批');
    expect(await south.locator('button.chase').count()).toBe(0);
    expect(await hr.textContent('#approval-summary')).toMatch(/^待经理提交 [1-9]\d* · 待 HR 审批 1 · 已通过 0$/);
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-landing.png'), fullPage: true });

    await east.locator('button.chase').click();
    await hr.waitForSelector('#chase-note:not([hidden])');
    expect(await hr.textContent('#chase-note')).toBe('已催办 王经理');
    await expect.poll(async () => await chaseCardsTo('S100'), { timeout: 30_000, interval: 250 }).toEqual([`催办：华东一组 ${PERIOD} 考核评审`]);
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-chase-sent.png'), fullPage: true });

    await east.locator('button.chase').click();
    await hr.waitForFunction(() => document.querySelector('#chase-note')?.textContent?.includes('今天已催办过'));
    expect(await hr.textContent('#chase-note')).toBe('今天已催办过 王经理，明天可再次催办');
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-chase-again.png'), fullPage: true });

    await hr.click('#audit-link');
    await hr.waitForSelector('#audit tbody tr');
    const lines = async () => hr.locator('#audit tbody tr .line').allTextContents();
    // Newest first; the generating job's rows are hidden until asked for.
    expect(await lines()).toEqual(['陈经理 提交了 华南二组 2026-11 的考核评审', '王经理 将 张三 的总分调整 +5：大客户贡献']);
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-audit-log.png'), fullPage: true });

    await hr.selectOption('#audit-person', { label: '张三' });
    await hr.click('#audit-apply');
    await hr.waitForFunction(() => document.querySelectorAll('#audit tbody tr').length === 1);
    expect(await lines()).toEqual(['王经理 将 张三 的总分调整 +5：大客户贡献']);
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-audit-by-person.png'), fullPage: true });

    // Everyone again, with the system rows: the job's generation shows, said to be the system's.
    await hr.selectOption('#audit-person', '');
    await hr.check('#audit-system');
    await hr.click('#audit-apply');
    await hr.waitForSelector('#audit tr[data-system="true"]');
    expect(await hr.locator('#audit tr[data-system="true"] .line').first().textContent()).toMatch(/^系统 生成了 .+ 2026-11 的考核$/);
    await hr.screenshot({ path: join(ARTIFACTS, 'hr-audit-system-rows.png'), fullPage: true });
    await hr.close();
  });
});
