import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/features/imports/tabular.js';
import { ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { ARTIFACTS, startMiniAppInBrowser, type MiniAppInBrowser } from '../helpers/h5-browser.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

const ADMIN_TOKEN = 'e2e-admin-token-amounts-0123456789';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface TargetRep {
  userId: number;
  name: string;
  lines: { line: string; unit: string; templateTarget: number | null; target: number | null }[];
}

/**
 * An admin at phone width: types amounts as people write them (100000 in a per-rep money target is
 * 100000 元, stored as 10000000 fen and read back as ¥100,000 / 10万, not ¥1,000); downloads each
 * import template and imports it back; edits scoring rules in a form; reads the jobs' schedules.
 */
describe('H5 admin journey in a real browser: amounts, templates, the editor, operations', () => {
  let app: MiniAppInBrowser;

  beforeAll(async () => {
    app = await startMiniAppInBrowser(
      async (db, now) => {
        await ensureDefaultKpiTemplate(db, now);
      },
      { env: { ADMIN_TOKEN } },
    );
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

  it('each import template downloads from its link on the admin page and its example row imports cleanly', async () => {
    const page = await app.loggedInAs('A001');
    await page.click('a[href="#/admin"]');
    await page.waitForSelector('#import-templates a');
    expect(await page.locator('#import-templates a').allTextContents()).toEqual(['组织架构模板', '客户模板', '个人目标模板', '历史记录模板']);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-import-templates.png'), fullPage: true });
    const files: Record<string, string> = {};
    for (const kind of ['org', 'customers', 'targets']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#template-${kind}`)]);
      expect(download.suggestedFilename()).toBe(`import-template-${kind}.xlsx`);
      const path = join(app.dir, download.suggestedFilename());
      await download.saveAs(path);
      files[kind] = path;
      // Headers and one example row.
      expect(await readXlsx(readFileSync(path))).toHaveLength(1);
    }

    // The org template back through the admin page's org import.
    await page.click('a[href="#/admin/org-import"]');
    await page.waitForSelector('#org-file');
    await page.setInputFiles('#org-file', files.org as string);
    await page.click('#import-btn');
    await page.waitForSelector('#import-ok, #import-failed');
    expect(await page.textContent('#import-result')).toContain('已导入 1 行：新增 1 人');

    // Customers and targets have no upload page yet: their templates go back through the admin API.
    const post = async (url: string, path: string) => {
      const response = await fetch(`${app.server.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': XLSX_TYPE }, body: readFileSync(path) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await post('/admin/customers/import', files.customers as string)).toMatchObject({ status: 200, body: { ok: true, created: 1, contacts: 1 } });
    expect(await post('/admin/kpi/targets/import', files.targets as string)).toEqual({ status: 200, body: { ok: true, imported: 1 } });
    await page.close();
  });

  it('the template editor: rules in a form, a warning when weights do not total 100, versions read 生效自 YYYY-MM', async () => {
    const page = await app.loggedInAs('A001');
    await page.goto(`${app.server.url}/app/#/admin/template?code=sales-monthly`);
    await page.waitForSelector('#lines [data-line]');
    const api = async () => (await page.evaluate(async () => (await fetch('/api/admin/templates/sales-monthly')).json())) as { nextPeriodStart: string; current: { content: { lines: { id: string; weight: number; target?: number; rule: Record<string, unknown> }[] } } };
    const { nextPeriodStart } = await api();
    const nextMonth = nextPeriodStart.slice(0, 7);
    expect(await page.textContent('#in-force')).toMatch(/^初始版本，本期 \d{4}-\d{2} 按此计分$/);
    expect(await page.textContent('#save-btn')).toBe(`保存为新版本（生效自 ${nextMonth}）`);
    expect(await page.textContent('#template')).not.toContain('2000-01-01');
    // Rules are a form: no JSON on the page.
    expect(await page.locator('#lines select[data-rule="kind"]').count()).toBe(await page.locator('#lines [data-line]').count());
    expect(await page.textContent('#template')).not.toMatch(/[{}]|cap=|gate=/);
    expect(await page.inputValue('[data-line="payments"] input[data-rule="gate"]')).toBe('50');
    expect(await page.inputValue('[data-line="payments"] input[data-rule="cap"]')).toBe('120');
    // The money target in 元.
    expect(await page.inputValue('[data-line="payments"] input[data-target]')).toBe('100000');
    expect(await page.textContent('#weights-note')).toBe('权重合计 100');

    await page.fill('[data-line="visits"] input[data-weight]', '20');
    expect(await page.textContent('#weights-note')).toBe('⚠️ 权重合计 105，不等于 100：各项将按比例折算');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-template-form.png'), fullPage: true });
    await page.fill('[data-line="revenue"] input[data-weight]', '20');
    expect(await page.textContent('#weights-note')).toBe('权重合计 100');

    // A rule edited in the form is what the new version stores.
    await page.fill('[data-line="payments"] input[data-rule="cap"]', '150');
    await page.click('#save-btn');
    await page.waitForSelector('.notice:not([hidden])');
    expect(await page.textContent('.notice:not([hidden])')).toBe(`已保存为 v2，生效自 ${nextMonth}`);
    const versions = (await page.evaluate(async () => (await fetch('/api/admin/templates/sales-monthly')).json())) as { versions: { version: number; effectiveFrom: string }[] };
    expect(versions.versions.map((v) => v.effectiveFrom)).toEqual(['2000-01-01', nextPeriodStart]);
    const stored = (await (await fetch(`${app.server.url}/admin/kpi/templates/sales-monthly`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { versions: { version: number; content: { lines: { id: string; weight: number; target?: number; rule: unknown }[] } }[] };
    const v2 = stored.versions.find((v) => v.version === 2)?.content.lines;
    expect(v2?.find((l) => l.id === 'payments')).toMatchObject({ target: 10_000_000, rule: { kind: 'linear', gate: 0.5, cap: 1.5 } });
    expect(v2?.find((l) => l.id === 'visits')?.weight).toBe(20);
    await page.reload();
    await page.waitForSelector('#versions');
    expect(await page.textContent('#versions')).toBe(`版本：v1 初始版本 · v2 生效自 ${nextMonth}`);
    await page.close();
  });

  it('operations read as sentences: schedules like 每周一 09:00, run states in words', async () => {
    const page = await app.loggedInAs('A001');
    const run = await fetch(`${app.server.url}/admin/jobs/weekly-report/run`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(run.status).toBeLessThan(500);
    await page.goto(`${app.server.url}/app/#/admin/ops`);
    await page.waitForSelector('#jobs [data-job]');
    const weekly = await page.textContent('#jobs [data-job="weekly-report"]');
    expect(weekly).toBe('weekly-report 每周一 09:00 · 每周业绩周报与团队排行');
    expect(await page.textContent('#jobs [data-job="assessment"]')).toContain('每月 1 日 08:00');
    expect(await page.textContent('#jobs [data-job="alerts"]')).toContain('每天 18:00');
    expect(await page.textContent('#jobs')).not.toMatch(/\d+ \d+ [*\d]+ \* [*\d]+/);
    const states = await page.locator('#jobs tbody .run-status').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) expect(state).toMatch(/^(运行中|已完成|无事可做（下次再试）|失败)( · (定时|手动|补跑|命令行))?/);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-ops-text.png'), fullPage: true });
    await page.close();
  });
});
