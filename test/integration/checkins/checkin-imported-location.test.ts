import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc, desc } from 'drizzle-orm';
import { tablesOf } from '../../../src/db/dialect.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['客户名称', '渠道', '负责人工号', '纬度', '经度', '别名'];
/** 华为坂田基地 in GCJ-02; with CHECKIN_RADIUS_M=500, 0.0044° of latitude (489 m) is inside, 0.0046° (511 m) outside. */
const SITE = { lat: 22.6533, lng: 114.0587 };

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('客户');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('customer import with 纬度/经度: the customer\'s location for the check-in radius rule', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { CHECKIN_RADIUS_M: '500' } });
  });
  afterEach(async () => t.close());

  const locations = async () => t.db.select().from(tablesOf(t.db).customerLocations);
  const post = async (rows: (string | number)[][]) =>
    t.app.inject({ method: 'POST', url: '/admin/customers/import', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': XLSX }, payload: await workbook([HEADER, ...rows]) });

  it('stores the location as GCJ-02 from the import; a check-in inside the radius is located, one outside is flagged', async () => {
    const res = await post([['华为技术有限公司', '直销', 'S101', SITE.lat, SITE.lng, '华为'], ['小米科技有限责任公司', '直销', 'S101', '', '']]);
    expect(res.statusCode, res.body).toBe(200);
    const { customers, visitCheckins, visits } = tablesOf(t.db);
    const huawei = (await t.db.select().from(customers)).find((c) => c.name === '华为技术有限公司')!;
    expect(await locations()).toEqual([{ customerId: huawei.id, lat: SITE.lat, lng: SITE.lng, datum: 'gcj02', source: 'import', checkinId: null, createdAt: t.clock.now }]);

    const chat = sandboxChat(t.app, 'S101');
    const web = await devLogin(t.app, 'S101');
    const visitNow = async () => {
      await chat.say('拜访 华为 上门 聊了预算');
      return (await t.db.select().from(visits).orderBy(desc(visits.id)).limit(1))[0]!.id;
    };
    const inside = await web.post(`/api/visits/${await visitNow()}/checkin`, { lat: SITE.lat + 0.0044, lng: SITE.lng, datum: 'gcj02' });
    expect(inside.statusCode, inside.body).toBe(200);
    expect(inside.json()).toMatchObject({ checkin: { verification: 'located', location: { kind: 'located', distanceM: 489 } } });

    const outside = await web.post(`/api/visits/${await visitNow()}/checkin`, { lat: SITE.lat + 0.0046, lng: SITE.lng, datum: 'gcj02' });
    expect(outside.json()).toMatchObject({ checkin: { verification: 'self', location: { kind: 'far', distanceM: 511 } } });
    expect((await t.db.select().from(visitCheckins).orderBy(asc(visitCheckins.id))).map((c) => c.flag)).toEqual([null, 'far']);
    // The imported location stands: no check-in replaced it.
    expect(await locations()).toHaveLength(1);
  });

  it('adds a location to an existing customer that has none, and never replaces one', async () => {
    expect((await post([['华为技术有限公司', '直销', 'S101', '', '']])).statusCode).toBe(200);
    expect(await locations()).toHaveLength(0);
    const again = await post([['华为技术公司', '直销', 'S101', SITE.lat, SITE.lng]]);
    expect(again.json()).toMatchObject({ created: 0, existing: [{ existingName: '华为技术有限公司' }] });
    expect(await locations()).toMatchObject([{ lat: SITE.lat, source: 'import' }]);
    await post([['华为技术公司', '直销', 'S101', 31.2304, 121.4737]]);
    expect(await locations()).toMatchObject([{ lat: SITE.lat, lng: SITE.lng }]);
  });

  it('refuses the file when a row has only one of the two, or a number out of range, storing nothing', async () => {
    const res = await post([
      ['甲公司', '直销', 'S101', SITE.lat, ''],
      ['乙公司', '直销', 'S101', '', SITE.lng],
      ['丙公司', '直销', 'S101', 91, SITE.lng],
      ['丁公司', '直销', 'S101', SITE.lat, 180.5],
      ['戊公司', '直销', 'S101', '北纬22度', SITE.lng],
      ['己公司', '直销', 'S101', -90, -180],
    ]);
    expect(res.statusCode).toBe(422);
    const errors = (res.json() as { errors: { rowNumber: number; field: string; reason: string }[] }).errors;
    expect(errors.map((e) => [e.rowNumber, e.field])).toEqual([
      [2, 'lng'],
      [3, 'lat'],
      [4, 'lat'],
      [5, 'lng'],
      [6, 'lat'],
    ]);
    expect(errors[0]?.reason).toContain('纬度和经度要么都填，要么都不填');
    expect(await t.db.select().from(tablesOf(t.db).customers)).toHaveLength(0);
    expect(await locations()).toHaveLength(0);
  });
});
