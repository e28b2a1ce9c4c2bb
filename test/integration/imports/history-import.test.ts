import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../../src/features/imports/tabular.js';
import { seedCustomer, userIdOf } from '../../helpers/records.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['类型', '日期', '客户', '业务员工号', '金额', '备注'];

/** History import (issue 17): past visits, won deals and payments, all or nothing, as 'imported'. */
describe('history import', () => {
  let t: TestApp;
  let huawei: number;
  beforeEach(async () => {
    // 1 March of a leap year's neighbour: 29 Feb 2028 is a real date in the file.
    t = await createTestApp({ now: '2028-03-01T09:00:00+08:00' });
    huawei = (await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] })).id;
    await seedCustomer(t.db, { name: '小米科技有限责任公司', owner: 'S102', aliases: ['小米'] });
  });
  afterEach(async () => t.close());

  const post = (body: Buffer | string, contentType = XLSX_TYPE) =>
    t.app.inject({ method: 'POST', url: '/admin/history/import', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': contentType }, payload: body });
  const stored = async () => ({ visits: await rowsInIdOrder(t.db, 'visits'), deals: await rowsInIdOrder(t.db, 'deals'), payments: await rowsInIdOrder(t.db, 'payments') });

  it('stores a good file exactly: money in integer fen, source import, verification imported', async () => {
    const file = await writeXlsx('历史记录', HEADERS, [
      ['拜访', '2027-03-05', '华为', 'S101', '', '年度回访'],
      ['签约', '2027/06/30', '华为技术有限公司', 'S101', '120万', '框架合同'],
      ['回款', '2027-12-31', '华为', 'S101', '¥400,000.50', ''],
      ['回款', '2028-02-29', '华为', 'S101', '79.99万', ''],
    ]);
    const response = await post(file);
    expect(response.json()).toEqual({ ok: true, visits: 1, deals: 1, payments: 2 });
    const s101 = await userIdOf(t.db, 'S101');
    const { visits: v, deals: d, payments: p } = await stored();
    expect(v.map((r) => [r.repUserId, r.customerId, r.visitDate, r.notes, r.source, r.verification])).toEqual([[s101, huawei, '2027-03-05', '年度回访', 'import', 'imported']]);
    expect(d.map((r) => [r.customerId, r.amountFen, r.stage, r.wonOn, r.title, r.source])).toEqual([[huawei, 120_000_000, 'won', '2027-06-30', '框架合同', 'import']]);
    expect(p.map((r) => [r.dealId, r.amountFen, r.paidOn, r.source, r.verification])).toEqual([
      [d[0]?.id, 40_000_050, '2027-12-31', 'import', 'imported'],
      [d[0]?.id, 79_990_000, '2028-02-29', 'import', 'imported'],
    ]);
  });

  it('a file with one bad row stores nothing and reports that row (csv alike)', async () => {
    const csv = [HEADERS.join(','), '拜访,2027-03-05,华为,S101,,', '签约,2027-06-30,华为,S101,120万,', '回款,2027-07-01,小米,S102,5万,', '拜访,2028-03-02,华为,S101,,'].join('\n');
    const response = await post(csv, 'text/csv');
    expect(response.statusCode).toBe(422);
    // Row 5 is dated tomorrow; row 4 is a payment without a won deal of S102 with 小米.
    expect(response.json()).toMatchObject({ error: 'IMPORT_INVALID', moreErrors: 0, errors: [{ rowNumber: 5, field: '日期' }] });
    const fixed = csv.replace('2028-03-02', '2028-02-29');
    const second = await post(fixed, 'text/csv');
    expect(second.statusCode).toBe(422);
    expect(second.json().errors).toEqual([{ rowNumber: 4, field: '类型', reason: expect.stringContaining('签约') }]);
    expect(await stored()).toEqual({ visits: [], deals: [], payments: [] });
  });

  it('the history template downloads by its link and imports cleanly', async () => {
    const admin = await devLogin(t.app, 'A001');
    const template = await admin.get('/api/admin/import-templates/history.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-disposition']).toBe('attachment; filename="import-template-history.xlsx"');
    expect((await post(template.rawPayload)).json()).toEqual({ ok: true, visits: 0, deals: 1, payments: 0 });
    expect((await stored()).deals.map((r) => [r.wonOn, r.amountFen])).toEqual([['2028-03-01', 10_000_000]]);
  });
});
