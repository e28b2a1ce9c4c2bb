import { count, desc, eq } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { seedNovember, userIdOf } from '../../helpers/assessment.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

interface TemplateLine {
  id: string;
  indicator: string;
  weight: number;
  target?: number;
  rule: { kind: string };
}

/** The admin pages' API (clock: 27 November 2026, November in progress). Only admins get in. */
describe('H5 API: admin pages', () => {
  let t: TestApp;
  let adminUser: WebClient;

  const rowCount = async (table: SQLiteTable) => (await t.db.select({ n: count() }).from(table))[0]!.n;

  beforeEach(async () => {
    t = await createTestApp();
    await seedNovember(t.db);
    adminUser = await devLogin(t.app, 'A001');
  });
  afterEach(async () => t.close());

  it('refuses reps, managers and HR without the admin role', async () => {
    for (const employeeNo of ['S101', 'S100', 'H001']) {
      const client = await devLogin(t.app, employeeNo);
      for (const url of ['/api/admin/templates', '/api/admin/templates/sales-monthly', '/api/admin/targets?period=2026-11', '/api/admin/jobs', '/api/admin/outbox']) {
        expect((await client.get(url)).statusCode, `${employeeNo} ${url}`).toBe(403);
      }
      expect((await client.post('/api/admin/templates/sales-monthly/preview', { content: {} })).statusCode).toBe(403);
      expect((await client.post('/api/admin/outbox/1/retry', {})).statusCode).toBe(403);
      // The role is refused before the body is looked at; without the CSRF header the write is refused too.
      expect((await client.put('/api/admin/targets', { nonsense: true })).statusCode).toBe(403);
      expect((await client.put('/api/admin/targets', {}, { csrf: null })).json().error).toBe('CSRF_INVALID');
    }
  });

  it('shows the version in force, previews an edited weight against this month without writing, then saves it as a new version', async () => {
    const list = (await adminUser.get('/api/admin/templates')).json().templates;
    expect(list).toEqual([expect.objectContaining({ code: 'sales-monthly', currentVersion: 1 })]);
    const detail = (await adminUser.get('/api/admin/templates/sales-monthly')).json();
    expect(detail.period).toMatchObject({ key: '2026-11' });
    expect(detail.nextPeriodStart).toBe('2026-12-01');
    const content = detail.current.content as { lines: TemplateLine[]; gradeBands: { grade: string; min: number }[] };
    expect(content.lines.length).toBeGreaterThan(1);
    expect(content.gradeBands.map((b) => b.grade)).toEqual(['S', 'A', 'B', 'C', 'D']);
    expect((await adminUser.get('/api/admin/templates/nope')).statusCode).toBe(404);

    // Weigh the visits line far more: the preview's totals move, the stored template does not.
    const visits = content.lines.find((l) => l.indicator === 'visits') as TemplateLine;
    const edited = { ...content, lines: content.lines.map((l) => (l.id === visits.id ? { ...l, weight: l.weight * 5 } : l)) };
    const { auditLog, kpiTemplateVersions } = tablesOf(t.db);
    const versionsBefore = await rowCount(kpiTemplateVersions);
    const auditBefore = await rowCount(auditLog);
    const preview = await adminUser.post('/api/admin/templates/sales-monthly/preview', { content: edited });
    expect(preview.statusCode, preview.body).toBe(200);
    const reps = preview.json().reps as { name: string; total: string; currentTotal: string }[];
    expect(reps.map((r) => r.name)).toContain('张三');
    expect(reps.some((r) => r.total !== r.currentTotal)).toBe(true);
    const same = (await adminUser.post('/api/admin/templates/sales-monthly/preview', { content })).json().reps as { total: string; currentTotal: string }[];
    expect(same.every((r) => r.total === r.currentTotal)).toBe(true);
    expect(await rowCount(kpiTemplateVersions)).toBe(versionsBefore);
    expect(await rowCount(auditLog)).toBe(auditBefore);

    const negative = await adminUser.post('/api/admin/templates/sales-monthly/preview', { content: { ...content, lines: content.lines.map((l, i) => (i === 0 ? { ...l, weight: -1 } : l)) } });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().message).toContain('lines.0.weight');

    expect((await adminUser.post('/api/admin/templates/sales-monthly/versions', { content: edited }, { csrf: null })).statusCode).toBe(403);
    const saved = await adminUser.post('/api/admin/templates/sales-monthly/versions', { content: edited, note: '加重拜访' });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toEqual({ version: 2, effectiveFrom: '2026-12-01' });
    const [audit] = await t.db.select({ source: auditLog.source, actor: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.entity, 'kpi_template')).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toEqual({ source: 'h5', actor: (await userIdOf(t.db, 'A001')) });
    // November keeps version 1; the list names both.
    const after = (await adminUser.get('/api/admin/templates/sales-monthly')).json();
    expect(after.current.version).toBe(1);
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('sets a rep’s own target for a line; a line the template lacks is refused', async () => {
    const zhang = (await userIdOf(t.db, 'S101'));
    const before = (await adminUser.get('/api/admin/targets?period=2026-11')).json();
    const zhangRow = before.reps.find((r: { userId: number }) => r.userId === zhang);
    const line = zhangRow.lines[0] as { line: string; templateTarget: number; target: number | null };
    expect(line.target).toBeNull();
    const ok = await adminUser.put('/api/admin/targets', { period: '2026-11', targets: [{ userId: zhang, line: line.line, target: line.templateTarget * 2 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await adminUser.get('/api/admin/targets?period=2026-11')).json();
    expect(after.reps.find((r: { userId: number }) => r.userId === zhang).lines[0]).toMatchObject({ line: line.line, target: line.templateTarget * 2 });
    const bad = await adminUser.put('/api/admin/targets', { period: '2026-11', targets: [{ userId: zhang, line: 'no_such_line', target: 5 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('no_such_line');
    const malformed = await adminUser.put('/api/admin/targets', { period: '2026-11', targets: [{ userId: zhang, line: line.line, target: -1 }] });
    expect(malformed.json().issues[0].path).toBe('/targets/0/target');
    expect((await adminUser.put('/api/admin/targets', { period: '2026-10', targets: [{ userId: zhang, line: line.line, target: 5 }] })).statusCode).toBe(400);
  });

  it('lists job runs and failed outbox messages; a retry puts the message back in the queue once', async () => {
    const jobs = (await adminUser.get('/api/admin/jobs')).json();
    expect(jobs.jobs.map((j: { name: string }) => j.name)).toContain('assessment');
    await t.app.botDeps.outbox.enqueue([{ idempotencyKey: 'admin-page-test', platform: 'sandbox', target: { kind: 'user', recipient: { platform: 'sandbox', userRef: 'S101' } }, payload: { type: 'text', text: '测试' } }]);
    const { outbox } = tablesOf(t.db);
    await t.db.update(outbox).set({ status: 'failed', lastError: 'gave up' }).where(eq(outbox.idempotencyKey, 'admin-page-test'));
    const failed = (await adminUser.get('/api/admin/outbox')).json();
    expect(failed.counts.failed).toBe(1);
    const message = failed.messages[0] as { id: number; lastError: string };
    expect(message.lastError).toBe('gave up');
    expect((await adminUser.post(`/api/admin/outbox/${message.id}/retry`, {})).statusCode).toBe(200);
    expect(await t.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, message.id))).toEqual([{ status: 'pending' }]);
    expect((await adminUser.post(`/api/admin/outbox/${message.id}/retry`, {})).statusCode).toBe(404);
  });
});
