import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../src/features/imports/tabular.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

/** The import templates: admins only; headers (the ones each import reads) and one example row. */
describe('H5 API: import templates', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
  });
  afterEach(async () => t.close());

  it('each template is a workbook of headers and one example row; the targets example is this month', async () => {
    const admin = await devLogin(t.app, 'A001');
    const rows: Record<string, Record<string, unknown>> = {};
    for (const kind of ['org', 'customers', 'targets']) {
      const response = await admin.get(`/api/admin/import-templates/${kind}.xlsx`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="import-template-${kind}.xlsx"`);
      const records = await readXlsx(response.rawPayload);
      expect(records).toHaveLength(1);
      rows[kind] = records[0]?.record ?? {};
    }
    expect(rows.targets).toEqual({ 工号: 'S101', 周期: '2026-12', 指标: '回款额', 目标: '10万' });
    expect(Object.keys(rows.org ?? {})).toEqual(expect.arrayContaining(['部门', '姓名', '工号', '角色']));
    expect(Object.keys(rows.customers ?? {})).toEqual(expect.arrayContaining(['客户名称', '渠道', '负责人工号', '纬度', '经度']));
    expect((await admin.get('/api/admin/import-templates/deals.xlsx')).statusCode).toBe(400);
  });

  it('a rep, a manager or HR gets 403', async () => {
    for (const employeeNo of ['S101', 'S100', 'H001']) {
      expect((await (await devLogin(t.app, employeeNo)).get('/api/admin/import-templates/org.xlsx')).statusCode, employeeNo).toBe(403);
    }
  });
});
