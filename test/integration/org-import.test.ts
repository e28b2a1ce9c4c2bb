import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { executeSql, queryRows } from '../../src/db/dialect.js';
import { createOrgRepository } from '../../src/db/repositories/org-repository.js';
import { writeXlsx } from '../../src/features/imports/tabular.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const GOOD_CSV = readFileSync(new URL('../fixtures/org-good.csv', import.meta.url), 'utf8');
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

function csvRows(csv: string): string[][] {
  return parseCsv(csv) as string[][];
}

/** The same content as JSON rows keyed by the CSV's headers. */
function asJsonRows(csv: string): Record<string, string>[] {
  const [header, ...rows] = csvRows(csv);
  return rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
}

/** Everything the import decides, in a form that can be compared across databases. */
async function orgSnapshot(t: TestApp) {
  const org = createOrgRepository(t.db);
  const departments = await org.listDepartments();
  const deptPath = new Map(departments.map((d) => [d.id, d.path]));
  const users = await org.listUsers();
  const noById = new Map(users.map((u) => [u.id, u.employeeNo]));
  return {
    departments: departments
      .map((d) => ({ path: d.path, leader: d.leaderUserId ? noById.get(d.leaderUserId) : null }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    users: (
      await Promise.all(
        users.map(async (u) => ({
        employeeNo: u.employeeNo,
        name: u.name,
        roles: [...u.roles].sort(),
        department: u.departmentId ? deptPath.get(u.departmentId) : null,
          manager: noById.get((await org.managerOf(u.id)) ?? -1) ?? null,
          identities: (await org.identitiesOf(u.id)).map((i) => `${i.platform}:${i.kind}:${i.value}`).sort(),
        })),
      )
    ).sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)),
  };
}

async function countRows(t: TestApp) {
  // COUNT(*) is a bigint on PostgreSQL, which node-postgres returns as a string.
  const q = async (table: string) => Number((await queryRows<{ n: number | string }>(t.db, sql`SELECT COUNT(*) AS n FROM ${sql.identifier(table)}`))[0]!.n);
  return { users: await q('users'), departments: await q('departments'), roles: await q('user_roles'), identities: await q('platform_identities'), audit: await q('audit_log') };
}

describe('org import through POST /admin/org/import', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ seedDemoOrg: false });
  });
  afterEach(async () => t.close());

  it('imports a good CSV file: departments, users, roles, managers and platform identities', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: GOOD_CSV });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, created: 7, updated: 0, unchanged: 0, departmentsCreated: 4 });

    const snap = await orgSnapshot(t);
    const byNo = Object.fromEntries(snap.users.map((u) => [u.employeeNo, u]));
    expect(byNo.E101).toMatchObject({ name: '张三', roles: ['rep'], department: '销售部/华东一组', manager: 'E100' });
    expect(byNo.E100).toMatchObject({ roles: ['manager', 'rep'], manager: 'E000' });
    // 刘洋 has an explicit manager; 李四 gets the leader of their department.
    expect((byNo.E201)?.manager).toBe('E200');
    expect((byNo.E102)?.manager).toBe('E100');
    // The leader of a top-level department has nobody above them.
    expect((byNo.E000)?.manager).toBeNull();
    expect((byNo.E101)?.identities).toEqual(['dingtalk:userId:dt_e101', 'feishu:open_id:ou_e101']);
    expect(snap.departments.find((d) => d.path === '销售部/华南二组')?.leader).toBe('E200');
  });

  it('re-importing the same file changes nothing', async () => {
    const post = () => t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: GOOD_CSV });
    await post();
    const before = await countRows(t);
    const snapBefore = await orgSnapshot(t);
    const res = await post();
    expect(res.json()).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 7, departmentsCreated: 0 });
    expect(await countRows(t)).toEqual(before);
    expect(await orgSnapshot(t)).toEqual(snapBefore);
  });

  it('reports a changed row as updated and records it in the audit log', async () => {
    await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: GOOD_CSV });
    const changed = GOOD_CSV.replace('销售部/华东一组,李四,E102,rep,,,ou_e102,,', '销售部/华南二组,李四,E102,rep,,,ou_e102,,');
    const res = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: changed });
    expect(res.json()).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 6 });
    const snap = await orgSnapshot(t);
    expect(snap.users.find((u) => u.employeeNo === 'E102')).toMatchObject({ department: '销售部/华南二组', manager: 'E200' });
    const audit = await queryRows(t.db, sql`SELECT action FROM audit_log WHERE action = 'user.update'`);
    expect(audit).toHaveLength(1);
  });

  it('deactivates a person who left, never deletes them', async () => {
    await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: GOOD_CSV });
    const rows = asJsonRows(GOOD_CSV).map((r) => (r['工号'] === 'E101' ? { ...r, 状态: '离职' } : r));
    const res = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: auth, payload: { rows } });
    expect(res.json()).toMatchObject({ ok: true, updated: 1 });
    const user = createOrgRepository(t.db).getUserByEmployeeNo('E101');
    expect(await user).toMatchObject({ active: false, name: '张三' });
  });

  const badCases: { name: string; edit: (rows: Record<string, string>[]) => Record<string, string>[]; row: number; reason: RegExp }[] = [
    { name: 'unknown manager', edit: (r) => r.map((x, i) => (i === 3 ? { ...x, 上级工号: 'E999' } : x)), row: 4, reason: /上级工号 E999 不存在/ },
    { name: 'duplicate employee number', edit: (r) => r.map((x, i) => (i === 5 ? { ...x, 工号: 'E101' } : x)), row: 6, reason: /工号 E101 与第 3 行重复/ },
    { name: 'unknown role', edit: (r) => r.map((x, i) => (i === 2 ? { ...x, 角色: '销售,老板' } : x)), row: 3, reason: /未知角色.*老板/ },
    { name: 'empty name', edit: (r) => r.map((x, i) => (i === 6 ? { ...x, 姓名: '  ' } : x)), row: 7, reason: /姓名不能为空/ },
  ];

  it.each(badCases)('a file with one bad row ($name) imports nothing and reports that row', async ({ edit, row, reason }) => {
    const before = await countRows(t);
    const res = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: auth, payload: { rows: edit(asJsonRows(GOOD_CSV)) } });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { errors: { rowNumber: number; reason: string }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.rowNumber).toBe(row);
    expect(body.errors[0]?.reason).toMatch(reason);
    expect(await countRows(t)).toEqual(before);
  });

  it('reports every bad row at once, with CSV line numbers as a person sees them', async () => {
    const lines = GOOD_CSV.trim().split('\n');
    lines[2] = lines[2]!.replace('王经理', '');
    lines[5] = lines[5]!.replace('陈经理,E200', '陈经理,E101');
    const res = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: lines.join('\n') });
    expect(res.statusCode).toBe(422);
    const rows = (res.json() as { errors: { rowNumber: number }[] }).errors.map((e) => e.rowNumber);
    // Row 3: empty name; row 6: duplicate of row 4's employee number; row 7: its manager E200 is now gone.
    expect(rows).toEqual([3, 6, 7]);
    expect((await countRows(t)).users).toBe(0);
  });

  it('the same content as JSON, CSV and XLSX gives the same org', async () => {
    const snapshots = [];
    const [header, ...rows] = csvRows(GOOD_CSV);
    const xlsx = await writeXlsx('org', header!, rows);
    const payloads = [
      { headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ rows: asJsonRows(GOOD_CSV) }) },
      { headers: { ...auth, 'content-type': 'text/csv' }, payload: GOOD_CSV },
      { headers: { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: xlsx },
    ];
    for (const p of payloads) {
      const fresh = await createTestApp({ seedDemoOrg: false });
      try {
        const res = await fresh.app.inject({ method: 'POST', url: '/admin/org/import', headers: p.headers, payload: p.payload });
        expect(res.statusCode, res.body).toBe(200);
        snapshots.push(await orgSnapshot(fresh));
      } finally {
        await fresh.close();
      }
    }
    expect((snapshots[0]!).users).toHaveLength(7);
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
  });

  it('accepts an .xlsx uploaded as multipart form data', async () => {
    const [header, ...rows] = csvRows(GOOD_CSV);
    const xlsx = await writeXlsx('org', header!, rows);
    const boundary = '----skbtest';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="org.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      xlsx,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 7 });
  });

  it('refuses a body that is not an xlsx workbook and a JSON body without rows', async () => {
    const bin = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'application/octet-stream' }, payload: Buffer.from('hello') });
    expect(bin.statusCode).toBe(400);
    expect(bin.json().message).toContain('xlsx');
    const json = await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: auth, payload: { people: [] } });
    expect(json.statusCode).toBe(400);
    expect((await countRows(t)).users).toBe(0);
  });

  it('never removes a role an admin granted by hand', async () => {
    await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: GOOD_CSV });
    const user = (await createOrgRepository(t.db).getUserByEmployeeNo('E101'))!;
    await executeSql(t.db, sql`INSERT INTO user_roles (user_id, role, source, created_at) VALUES (${user.id}, 'hr', 'admin', 0)`);
    await t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: GOOD_CSV });
    expect((await createOrgRepository(t.db).getUserByEmployeeNo('E101'))?.roles).toEqual(['rep', 'hr']);
  });
});
