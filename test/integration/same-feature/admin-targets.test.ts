import { asc } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { userIdOf } from '../../helpers/assessment.js';
import { stable } from '../../helpers/same-feature.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

/**
 * A rep's own target has no chat door (目标 only shows targets), but two HTTP doors: the H5 admin
 * page (PUT /api/admin/targets, by user id, as the admin signed in) and the admin API (PUT
 * /admin/kpi/targets, by employee number, Bearer token). Both call setRepTargets: on two apps alike,
 * the same refusals for the same bad rows and the same stored targets and audit rows (the actor and
 * the audit source aside: a person on h5, nobody on admin-api).
 */
describe('PUT /api/admin/targets and PUT /admin/kpi/targets set targets through the same feature', () => {
  let h5App: TestApp;
  let apiApp: TestApp;
  let page: WebClient;

  beforeEach(async () => {
    [h5App, apiApp] = await Promise.all([createTestApp(), createTestApp()]);
    page = await devLogin(h5App.app, 'A001');
  });
  afterEach(async () => {
    await Promise.all([h5App.close(), apiApp.close()]);
  });

  /** The same rows through each door: the page names reps by user id, the API by employee number. */
  async function put(period: string, rows: { employeeNo: string; line: string; target: number }[]): Promise<[LightMyRequestResponse, LightMyRequestResponse]> {
    const viaPage = await page.put('/api/admin/targets', { period, targets: await Promise.all(rows.map(async ({ employeeNo, ...row }) => ({ userId: await userIdOf(h5App.db, employeeNo), ...row }))) });
    const viaApi = await apiApp.app.inject({ method: 'PUT', url: '/admin/kpi/targets', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { period, targets: rows } });
    return [viaPage, viaApi];
  }
  // The seed's own audit rows (org, templates) are the same in both apps; the targets' are what the doors wrote.
  const targetAudit = async (t: TestApp) => {
    const { auditLog } = tablesOf(t.db);
    return (await t.db.select().from(auditLog).orderBy(asc(auditLog.id))).filter((r) => r.entity.startsWith('kpi_target'));
  };
  const targets = async (t: TestApp) => {
    const { kpiTargetOverrides } = tablesOf(t.db);
    return t.db.select().from(kpiTargetOverrides).orderBy(asc(kpiTargetOverrides.id));
  };
  const stored = async (t: TestApp) =>
    stable({
      targets: (await targets(t)).map(({ setByUserId: _actor, ...r }) => r),
      audit: (await targetAudit(t)).map(({ actorUserId: _actor, ...r }) => r),
    });

  it('the same refusal for a line the template lacks, a person not assessed and a closed period; nothing stored', async () => {
    const bad: [string, { employeeNo: string; line: string; target: number }[], RegExp][] = [
      ['2026-11', [{ employeeNo: 'S101', line: 'happiness', target: 1 }], /^模板「销售业务员月度考核」里没有指标行「happiness」/],
      ['2026-11', [{ employeeNo: 'S101', line: 'payments', target: 1 }, { employeeNo: 'H001', line: 'payments', target: 1 }], /^H001 在 2026-11 不在考核范围/],
      ['2026-10', [{ employeeNo: 'S101', line: 'payments', target: 1 }], /^周期 2026-10 已结束/],
    ];
    for (const [period, rows, message] of bad) {
      const [viaPage, viaApi] = await put(period, rows);
      expect(viaPage.statusCode, viaPage.body).toBe(400);
      expect(viaApi.statusCode, viaApi.body).toBe(400);
      expect(viaPage.json().message).toMatch(message);
      expect(viaPage.json()).toMatchObject({ error: viaApi.json().error, message: viaApi.json().message });
    }
    expect(await stored(h5App)).toEqual({ targets: [], audit: [] });
    expect(await stored(apiApp)).toEqual({ targets: [], audit: [] });
  });

  it('the same targets and audit rows for the same rows', async () => {
    const rows = [{ employeeNo: 'S101', line: 'payments', target: 4_100_000 }, { employeeNo: 'S102', line: 'visits', target: 25 }];
    const [viaPage, viaApi] = await put('2026-11', rows);
    expect(viaPage.statusCode, viaPage.body).toBe(200);
    expect(viaApi.statusCode, viaApi.body).toBe(200);
    expect(viaPage.json()).toEqual(viaApi.json());
    const pageRows = await stored(h5App);
    expect(pageRows).toEqual(await stored(apiApp));
    expect(pageRows).toMatchObject({ targets: [{ periodKey: '2026-11', lineKey: 'payments', target: 4_100_000 }, { periodKey: '2026-11', lineKey: 'visits', target: 25 }] });
    expect((pageRows as { audit: unknown[] }).audit.length).toBeGreaterThan(0);
    const a001 = (await userIdOf(h5App.db, 'A001'));
    expect((await targets(h5App)).map((r) => r.setByUserId)).toEqual([a001, a001]);
    expect((await targets(apiApp)).map((r) => r.setByUserId)).toEqual([null, null]);
    expect(new Set((await targetAudit(h5App)).map((r) => `${r.source} ${r.actorUserId}`))).toEqual(new Set([`h5 ${a001}`]));
    expect(new Set((await targetAudit(apiApp)).map((r) => `${r.source} ${r.actorUserId}`))).toEqual(new Set(['admin-api null']));
  });
});
