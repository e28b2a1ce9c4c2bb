import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../helpers/test-app.js';
import { dingtalkEnv } from '../helpers/dingtalk.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/** The org-sync job in the real service, reading the simulator's DingTalk address book. */
describe('org-sync from DingTalk, end to end', () => {
  let sim: DingTalkSimulator;
  let server: SpawnedServer;

  const runSync = async (period: string) => {
    const res = await fetch(`${server.url}/admin/jobs/org-sync/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ period }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { status: string; result: { details: { platforms: Record<string, number | string>[] } } };
  };
  const query = <T>(sql: string): T[] => {
    const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    sim = await startDingTalkSimulator();
    server = await spawnServer({ ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...dingtalkEnv(sim, { DINGTALK_MODE: 'webhook' }) });
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it('builds the org from an empty database: departments, people, leaders, managers, DingTalk ids', async () => {
    const out = await runSync('2026-11-27T02:00');
    expect(out.status).toBe('succeeded');
    expect(out.result.details.platforms[0]).toMatchObject({ platform: 'dingtalk', usersCreated: 14, departmentsCreated: 4 });

    const rows = query<{ employee_no: string; name: string; path: string; manager: string | null }>(
      `SELECT u.employee_no, u.name, d.path, m.employee_no AS manager
         FROM users u LEFT JOIN departments d ON d.id = u.department_id LEFT JOIN users m ON m.id = u.manager_id`,
    );
    const byNo = Object.fromEntries(rows.map((r) => [r.employee_no, r]));
    expect(byNo.S101).toMatchObject({ name: '张三', path: '销售部/华东一组', manager: 'S100' });
    expect(byNo.S100).toMatchObject({ manager: 'S000' });
    const ids = query<{ kind: string; value: string }>(
      "SELECT kind, value FROM platform_identities i JOIN users u ON u.id = i.user_id WHERE u.employee_no = 'S101' ORDER BY kind",
    );
    expect(ids).toEqual([
      { kind: 'unionId', value: 'u-s101' },
      { kind: 'userId', value: 'dt-s101' },
    ]);
  });

  it('a second sync changes nothing', async () => {
    const out = await runSync('2026-11-27T03:00');
    expect(out.result.details.platforms[0]).toMatchObject({ usersCreated: 0, usersUpdated: 0, usersDeactivated: 0, departmentsCreated: 0 });
  });
});
