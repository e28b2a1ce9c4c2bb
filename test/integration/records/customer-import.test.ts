import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { seedCustomer, userIdOf } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('客户');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ['客户名称', '渠道', '地区', '行业', '标签', '别名', '负责人工号', '联系人', '职务', '电话'];

describe('customer import from Excel', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  const post = async (body: Buffer) =>
    t.app.inject({ method: 'POST', url: '/admin/customers/import', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': XLSX }, payload: body });

  it('creates new customers with contacts, skips existing ones, and the owner can use them in chat', async () => {
    const res = await post(
      await workbook([
        HEADER,
        ['小米科技有限责任公司', '代理', '北京', '消费电子', '重点, 年度', '小米', 'S101', '雷总', 'CEO', '138 0000 1111'],
        ['华为技术公司', '直销', '深圳', '', '', '', 'S102', '', '', ''],
        ['比亚迪股份有限公司', '展会', '深圳', '汽车', '', 'BYD', 'S201', '', '', ''],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, created: 2, contacts: 1, existing: [{ rowNumber: 3, name: '华为技术公司', existingName: '华为技术有限公司' }] });
    const rows = await rowsInIdOrder(t.db, 'customers');
    expect(rows.map((c) => [c.name, c.region, c.ownerUserId, c.source])).toEqual([
      ['华为技术有限公司', null, await userIdOf(t.db, 'S101'), 'import'],
      ['小米科技有限责任公司', '北京', await userIdOf(t.db, 'S101'), 'import'],
      ['比亚迪股份有限公司', '深圳', await userIdOf(t.db, 'S201'), 'import'],
    ]);
    expect(rows[1]?.tags).toEqual(['重点', '年度']);
    expect(await rowsInIdOrder(t.db, 'contacts')).toMatchObject([{ name: '雷总', title: 'CEO', phone: '13800001111' }]);
    expect((await rowsInIdOrder(t.db, 'auditLog')).filter((a) => a.source === 'admin-api' && a.action === 'customer.create')).toHaveLength(2);

    const [reply] = await sandboxChat(t.app, 'S101').say('拜访 小米 演示');
    expect(replyText(reply!)).toContain('客户: 小米科技有限责任公司');
  });

  it.each([
    ['\u041duawei', 'a Cyrillic Н'],
    ['Hua\u200bwei', 'a zero-width space'],
    ['Ｈｕａｗｅｉ', 'full-width letters'],
  ])('a row named %s (%s) is the existing Huawei, not a new customer', async (typed) => {
    await seedCustomer(t.db, { name: 'Huawei', owner: 'S101' });
    const res = await post(await workbook([HEADER, [typed, '直销', '深圳', '', '', '', 'S201', '', '', '']]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, created: 0, existing: [{ rowNumber: 2, existingName: 'Huawei' }] });
    expect((await rowsInIdOrder(t.db, 'customers')).map((c) => c.name)).toEqual(['华为技术有限公司', 'Huawei']);
  });

  it('refuses the whole file when any row is bad, listing each problem by row', async () => {
    const res = await post(
      await workbook([
        HEADER,
        ['京东', '直销', '北京', '', '', '', 'S101', '', '', ''],
        ['', '直销', '', '', '', '', 'S101', '', '', ''],
        ['拼多多', '地推', '上海', '', '', '', 'S101', '', '', ''],
        ['美团', '线上', '北京', '', '', '华为', 'S999', '', '', ''],
        ['京东有限公司', '线上', '', '', '', '', 'S101', '王总', '', '12345'],
      ]),
    );
    expect(res.statusCode).toBe(422);
    const errors = (res.json() as { errors: { rowNumber: number; field: string }[] }).errors.map((e) => [e.rowNumber, e.field]);
    expect(errors).toEqual([
      [3, 'name'],
      [6, 'name'],
      [6, 'contactPhone'],
    ]);
    expect(await rowsInIdOrder(t.db, 'customers')).toHaveLength(1);

    const second = await post(await workbook([HEADER, ['拼多多', '地推', '上海', '', '', '', 'S101', '', '', ''], ['美团', '线上', '北京', '', '', '华为', 'S999', '', '', '']]));
    expect(second.statusCode).toBe(422);
    expect((second.json() as { errors: { rowNumber: number; field: string }[] }).errors.map((e) => [e.rowNumber, e.field])).toEqual([
      [2, 'salesChannel'],
      [3, 'ownerEmployeeNo'],
      [3, 'aliases'],
    ]);
    expect(await rowsInIdOrder(t.db, 'customers')).toHaveLength(1);
  });

  it('requires the admin token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/customers/import', headers: { 'content-type': XLSX }, payload: await workbook([HEADER]) });
    expect(res.statusCode).toBe(401);
  });
});
