import { afterEach, describe, expect, it } from 'vitest';
import { rowsInIdOrder } from '../helpers/table-rows.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';
import { xlsxBomb } from '../helpers/zip-bomb.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** An org file of `count` reps under one leader; `bad` makes every rep's manager unknown. */
function orgCsv(count: number, bad = false): string {
  const lines = ['部门,姓名,工号,角色,上级工号,部门负责人', '销售部,周总监,E000,经理,,是'];
  for (let i = 1; i <= count; i += 1) lines.push(`销售部,销售${i},R${String(i).padStart(5, '0')},销售,${bad ? 'NOBODY' : 'E000'},否`);
  return lines.join('\n');
}

describe('upload limits on the import routes', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('refuses an xlsx bomb with 400 and a clear message in the caller’s language, writing nothing', async () => {
    t = await createTestApp({ seedDemoOrg: false });
    const bomb = xlsxBomb(300);
    const zh = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': XLSX }, payload: bomb });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ error: 'VALIDATION_FAILED', key: 'import.tooLarge', message: expect.stringContaining('文件解压后超过 50 MB') });
    const en = await t.app.inject({ method: 'POST', url: '/admin/kpi/targets/import', headers: { ...auth, 'content-type': XLSX, 'x-locale': 'en' }, payload: bomb });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toContain('larger than 50 MB once unzipped');
    expect(await rowsInIdOrder(t.db, 'users')).toEqual([]);
  });

  it('refuses a CSV over IMPORT_MAX_ROWS before checking any row', async () => {
    t = await createTestApp({ seedDemoOrg: false, env: { IMPORT_MAX_ROWS: '100' } });
    const over = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: orgCsv(100) });
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ key: 'import.tooManyRows', message: expect.stringContaining('文件超过 100 行') });
    const atCap = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: orgCsv(99) });
    expect(atCap.statusCode, atCap.body).toBe(200);
  });

  it('reports the first 100 bad rows and how many more there were', async () => {
    t = await createTestApp({ seedDemoOrg: false });
    const res = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: orgCsv(250, true) });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.errors).toHaveLength(100);
    expect(body.errors[0]).toMatchObject({ rowNumber: 3 });
    expect(body.moreErrors).toBe(150);
  });

  // 1000 rows: on PostgreSQL a few round trips each, which can pass the 30 s default while other suites share the cores.
  it('answers /healthz while a large legal import is being parsed', async () => {
    t = await createTestApp({ seedDemoOrg: false });
    const app = t.app;
    const order: string[] = [];
    let healthz: Promise<unknown> | undefined;
    // The hook runs after the upload is read, right before the handler parses it. The health check
    // starts on the next turn of the event loop, as one arriving from the network would: it is
    // answered before the import only if parsing gives the event loop turns.
    app.addHook('preHandler', async (request) => {
      if (request.url === '/admin/org/import' && !healthz) {
        healthz = new Promise((started) => setImmediate(started)).then(async () => {
          const res = await app.inject({ method: 'GET', url: '/healthz' });
          order.push(`healthz ${res.statusCode}`);
        });
      }
    });
    const imported = await app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: orgCsv(1000) });
    order.push(`import ${imported.statusCode}`);
    await healthz;
    expect(order).toEqual(['healthz 200', 'import 200']);
    expect(imported.json()).toMatchObject({ ok: true });
  }, 120_000);
});
