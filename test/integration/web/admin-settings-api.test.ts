import { and, asc, count, eq, like, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { planAlerts } from '../../../src/features/alerts/index.js';
import { writeXlsx } from '../../../src/features/imports/tabular.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { userIdOf } from '../../helpers/assessment.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

const GOOD_CSV = ['部门,姓名,工号,角色,上级工号', '销售部/华北三组,赵经理,N300,经理,', '销售部/华北三组,钱七,N301,销售,N300'].join('\n');
/** Row 3 names a manager nobody has; row 4 has an employee number with spaces. */
const BAD_CSV = ['部门,姓名,工号,角色,上级工号', '销售部/华北三组,赵经理,N300,经理,', '销售部/华北三组,钱七,N301,销售,X999', '销售部/华北三组,孙八,N 302,销售,N300'].join('\n');
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** The admin pages for channels, org import and alert rules (clock: 27 November 2026). Only admins get in. */
describe('H5 API: channels, org import and alert rules', () => {
  let t: TestApp;
  let adminUser: WebClient;
  const rowCount = async (table: SQLiteTable, where?: SQL) => (await t.db.select({ n: count() }).from(table).where(where))[0]!.n;
  const tables = () => tablesOf(t.db);

  beforeEach(async () => {
    t = await createTestApp();
    adminUser = await devLogin(t.app, 'A001');
  });
  afterEach(async () => t.close());

  it('refuses reps, managers and HR, and writes without the CSRF header', async () => {
    for (const employeeNo of ['S101', 'S100', 'H001']) {
      const client = await devLogin(t.app, employeeNo);
      for (const url of ['/api/admin/channels', '/api/admin/alert-rules']) expect((await client.get(url)).statusCode, `${employeeNo} ${url}`).toBe(403);
      expect((await client.post('/api/admin/channels', { name: '抖音' })).statusCode).toBe(403);
      expect((await client.patch('/api/admin/channels/1', { active: false })).statusCode).toBe(403);
      expect((await client.post('/api/admin/org/import', { fileName: 'org.csv', content: base64(GOOD_CSV) })).statusCode).toBe(403);
      expect((await client.put('/api/admin/alert-rules', { stuckDealDays: 1 })).statusCode).toBe(403);
    }
    const auditBefore = await rowCount(tables().auditLog);
    expect((await adminUser.post('/api/admin/channels', { name: '抖音' }, { csrf: null })).json().error).toBe('CSRF_INVALID');
    expect((await adminUser.post('/api/admin/org/import', { fileName: 'org.csv', content: base64(GOOD_CSV) }, { csrf: null })).statusCode).toBe(403);
    expect((await adminUser.put('/api/admin/alert-rules', { stuckDealDays: 1 }, { csrf: 'wrong' })).statusCode).toBe(403);
    expect(await rowCount(tables().salesChannels, eq(tables().salesChannels.name, '抖音'))).toBe(0);
    expect(await rowCount(tables().users, eq(tables().users.employeeNo, 'N300'))).toBe(0);
    expect(await rowCount(tables().settings)).toBe(0);
    expect(await rowCount(tables().auditLog)).toBe(auditBefore);
  });

  it('adds, renames, deactivates and reactivates a channel; customers keep theirs; each change audited as h5', async () => {
    const listed = (await adminUser.get('/api/admin/channels')).json().salesChannels as { id: number; name: string; active: boolean }[];
    expect(listed.map((c) => c.name)).toEqual(['直销', '经销商/代理', '线上', '展会', '转介绍', '老客户复购']);

    const added = await adminUser.post('/api/admin/channels', { name: '  抖音直播 ' });
    expect(added.statusCode, added.body).toBe(201);
    const salesChannel = added.json().salesChannel as { id: number; code: string; name: string };
    expect(salesChannel).toMatchObject({ name: '抖音直播', active: true, customers: 0 });

    const renamed = await adminUser.patch(`/api/admin/channels/${salesChannel.id}`, { name: '短视频' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // The old name stays as an alias: what people already type still finds the channel.
    expect(renamed.json().salesChannel).toMatchObject({ name: '短视频', aliases: ['抖音直播'] });

    // A customer recorded under 直销 keeps it after 直销 is deactivated; new entries no longer offer it.
    const direct = listed.find((c) => c.name === '直销')!;
    const customer = await (await kpiRecords(t.db, 'S101')).customer('2026-11-20T10:00:00+08:00', 'direct');
    const off = await adminUser.patch(`/api/admin/channels/${direct.id}`, { active: false });
    expect(off.json().salesChannel).toMatchObject({ name: '直销', active: false, customers: 1 });
    const counts = (await adminUser.get('/api/admin/channels')).json().salesChannels as { name: string; customers: number }[];
    expect(counts.filter((c) => c.customers > 0).map((c) => c.name)).toEqual(['直销']);
    const { customers } = tables();
    expect(await t.db.select({ id: customers.salesChannelId }).from(customers).where(eq(customers.id, customer))).toEqual([{ id: direct.id }]);
    const rep = await devLogin(t.app, 'S101');
    const repChannels = (await rep.get('/api/channels')).json();
    expect(JSON.stringify(repChannels)).not.toContain('直销');
    expect(JSON.stringify(repChannels)).toContain('短视频');
    // The rep's customer still shows the channel it was recorded under.
    expect((await rep.get(`/api/customers/${customer}`)).body).toContain('直销');
    expect((await adminUser.patch(`/api/admin/channels/${direct.id}`, { active: true })).json().salesChannel).toMatchObject({ active: true });

    const { auditLog } = tables();
    const audit = await t.db.select({ action: auditLog.action, source: auditLog.source, actor: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.entity, 'sales_channel')).orderBy(asc(auditLog.id));
    const actor = (await userIdOf(t.db, 'A001'));
    expect(audit).toEqual(
      ['sales_channel.create', 'sales_channel.rename', 'sales_channel.deactivate', 'sales_channel.activate'].map((action) => ({ action, source: 'h5', actor })),
    );
  });

  it('refuses a bad channel change with the field named and nothing written', async () => {
    const auditBefore = await rowCount(tables().auditLog);
    const empty = await adminUser.post('/api/admin/channels', { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('name');
    const taken = await adminUser.post('/api/admin/channels', { name: '线上' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().message).toContain('name：渠道名称「线上」已被其他渠道使用');
    // An alias of another channel counts as taken too (代理 types 经销商/代理).
    expect((await adminUser.post('/api/admin/channels', { name: '代理' })).statusCode).toBe(400);
    const salesChannels = (await adminUser.get('/api/admin/channels')).json().salesChannels as { id: number; name: string }[];
    const online = salesChannels.find((c) => c.name === '线上')!;
    expect((await adminUser.patch(`/api/admin/channels/${online.id}`, { name: '展会' })).statusCode).toBe(400);
    const nothing = await adminUser.patch(`/api/admin/channels/${online.id}`, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('name');
    expect((await adminUser.patch(`/api/admin/channels/${online.id}`, { active: 'no' })).body).toContain('active');
    expect((await adminUser.patch('/api/admin/channels/9999', { active: false })).statusCode).toBe(404);
    expect(await rowCount(tables().salesChannels)).toBe(6);
    expect(await rowCount(tables().salesChannels, eq(tables().salesChannels.active, true))).toBe(6);
    expect(await rowCount(tables().auditLog)).toBe(auditBefore);
  });

  it('imports an org CSV or XLSX file, and reports every bad row with nothing written', async () => {
    const bad = await adminUser.post('/api/admin/org/import', { fileName: 'org.csv', content: base64(BAD_CSV) });
    expect(bad.statusCode).toBe(422);
    const errors = bad.json().errors as { rowNumber: number; reason: string }[];
    expect(errors.map((e) => e.rowNumber)).toEqual([3, 4]);
    expect(errors[0]!.reason).toContain('上级工号 X999 不存在');
    expect(await rowCount(tables().users, like(tables().users.employeeNo, 'N%'))).toBe(0);

    const good = await adminUser.post('/api/admin/org/import', { fileName: 'org.csv', content: base64(GOOD_CSV) });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ ok: true, created: 2, updated: 0, departmentsCreated: 1, rows: 2 });
    expect(await rowCount(tables().auditLog, and(eq(tables().auditLog.action, 'user.create'), eq(tables().auditLog.source, 'h5'), eq(tables().auditLog.actorUserId, await userIdOf(t.db, 'A001'))))).toBe(2);

    const xlsx = await writeXlsx('org', ['部门', '姓名', '工号', '角色', '上级工号'], [['销售部/华北三组', '赵经理', 'N300', '经理', ''], ['销售部/华北三组', '钱七', 'N301', '销售', 'N300'], ['销售部/华北三组', '李九', 'N303', '销售', 'N300']]);
    const again = await adminUser.post('/api/admin/org/import', { fileName: '组织架构.XLSX', content: base64(xlsx) });
    expect(again.json()).toMatchObject({ ok: true, created: 1, unchanged: 2 });
  });

  it('refuses a file that is not .xlsx or .csv, a fake workbook, an empty file and a body that is not base64', async () => {
    const cases: [unknown, string][] = [
      [{ fileName: 'org.pdf', content: base64('x') }, 'fileName'],
      [{ fileName: 'org.xlsx', content: base64(GOOD_CSV) }, 'content'],
      [{ fileName: 'org.csv', content: base64('部门,姓名,工号\n') }, 'content'],
      [{ fileName: 'org.csv', content: '不是 base64' }, 'content'],
      [{ content: base64(GOOD_CSV) }, 'fileName'],
    ];
    for (const [body, field] of cases) {
      const res = await adminUser.post('/api/admin/org/import', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain(field);
    }
    expect(await rowCount(tables().users, like(tables().users.employeeNo, 'N%'))).toBe(0);
  });

  it('overrides an alert threshold (0 = off) and the alerts job finds what the new threshold says', async () => {
    // Every rep visited today except 李四 (S102), last on Wednesday: 2 working days, under the default 3.
    for (const employeeNo of ['S100', 'S101', 'S102', 'S103', 'S104', 'S105', 'S200', 'S201', 'S202', 'S203', 'S204', 'S205']) {
      const rep = await kpiRecords(t.db, employeeNo);
      await rep.visits([await rep.customer()], 1, employeeNo === 'S102' ? '2026-11-25' : '2026-11-27');
    }
    const now = Date.parse('2026-11-27T18:00:00+08:00');
    expect((await planAlerts(t.app.botDeps,{ now })).found['no-visit']).toBe(0);

    const rules = (await adminUser.get('/api/admin/alert-rules')).json().rules as { key: string; default: number; override: number | null; value: number }[];
    expect(rules.find((r) => r.key === 'noVisitWorkingDays')).toMatchObject({ default: 3, override: null, value: 3 });

    const saved = await adminUser.put('/api/admin/alert-rules', { noVisitWorkingDays: 2, monthToDateAchievementBelowPct: 0, stuckDealDays: 0, complaintResponseHours: 0, completenessBelowPct: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().changed).toBe(5);
    expect(saved.json().rules.find((r: { key: string }) => r.key === 'noVisitWorkingDays')).toMatchObject({ default: 3, override: 2, value: 2 });
    const run = await t.app.jobs.run('alerts', { trigger: 'manual', now });
    expect(run).toMatchObject({
      status: 'succeeded',
      result: { sent: 1, details: { found: { 'no-visit': 1, 'low-achievement': 0, 'stuck-deal': 0, complaint: 0, completeness: 0 }, disabledRules: ['low-achievement', 'stuck-deal', 'complaint', 'completeness'] } },
    });
    const { auditLog } = tables();
    const settingAudit = await t.db
      .select({ action: auditLog.action, key: auditLog.entityId, before: auditLog.before, after: auditLog.after, source: auditLog.source })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'setting'), eq(auditLog.entityId, 'alerts.noVisitWorkingDays')));
    // after: the stored JSON 2 (read raw from SQLite it was the text '2').
    expect(settingAudit).toEqual([{ action: 'setting.update', key: 'alerts.noVisitWorkingDays', before: null, after: 2, source: 'h5' }]);

    // null clears the override: the environment's default applies again.
    await adminUser.put('/api/admin/alert-rules', { noVisitWorkingDays: null });
    expect((await planAlerts(t.app.botDeps,{ now })).found['no-visit']).toBe(0);
    expect((await adminUser.get('/api/admin/alert-rules')).json().rules[0]).toMatchObject({ key: 'noVisitWorkingDays', override: null, value: 3 });
  });

  it('refuses an out-of-range or unknown threshold with the field named, and stores nothing', async () => {
    for (const [body, field] of [
      [{ noVisitWorkingDays: 61 }, 'noVisitWorkingDays'],
      [{ completenessBelowPct: -1 }, 'completenessBelowPct'],
      [{ stuckDealDays: 1.5 }, 'stuckDealDays'],
      [{ stuckDealDays: 10, somethingElse: 1 }, 'somethingElse'],
    ] as const) {
      const res = await adminUser.put('/api/admin/alert-rules', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain(field);
    }
    expect(await rowCount(tables().settings)).toBe(0);
  });
});
