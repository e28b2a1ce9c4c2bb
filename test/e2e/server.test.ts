import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

const ADMIN_TOKEN = 'e2e-admin-token-abcdefghij';

describe('the real server process', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ env: { ADMIN_TOKEN, SANDBOX_ENABLED: 'true' } });
  });
  afterAll(async () => server?.stop());

  it('answers liveness and readiness, with migrations applied to a fresh database', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', channels: ['sandbox'] });
    expect(existsSync(join(server.dir, 'e2e.db'))).toBe(true);
  });

  it('guards the admin API with the bearer token', async () => {
    const none = await fetch(`${server.url}/admin/jobs`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${server.url}/admin/jobs`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}/admin/jobs`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { jobs: { name: string }[] }).jobs.map((j) => j.name)).toContain('housekeeping');
  });

  it('runs a job on demand once per period', async () => {
    const run = () =>
      fetch(`${server.url}/admin/jobs/housekeeping/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ period: '2026-11-27' }),
      });
    const first = await run();
    expect(await first.json()).toMatchObject({ status: 'succeeded', periodKey: '2026-11-27' });
    const second = await run();
    expect(await second.json()).toMatchObject({ status: 'skipped', reason: 'already-ran' });
    const unknown = await fetch(`${server.url}/admin/jobs/nope/run`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(unknown.status).toBe(404);
  });

  it('imports an org file through the admin API and the sandbox then knows the people', async () => {
    const csv = '部门,姓名,工号,角色\n销售部,测试员,T001,销售\n';
    const res = await fetch(`${server.url}/admin/org/import`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' }, body: csv });
    expect(await res.json()).toMatchObject({ ok: true, created: 1 });
    const reply = await fetch(`${server.url}/sandbox/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ employeeNo: 'T001', text: 'help' }),
    });
    const body = (await reply.json()) as { messages: { payload: { type: string } }[] };
    expect(body.messages[0]?.payload.type).toBe('card');
  });
});

describe('admin API without a configured token', () => {
  it('answers 403 to everyone', async () => {
    const server = await startServerProcess();
    try {
      const res = await fetch(`${server.url}/admin/jobs`, { headers: { authorization: 'Bearer anything-at-all-here' } });
      expect(res.status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});

describe('start-up with a bad environment', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skb-badenv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('PORT=abc exits non-zero naming PORT, before listening', async () => {
    const { code, output } = await runScript('src/main.ts', [], { PORT: 'abc', DATABASE_PATH: join(dir, 'x.db') });
    expect(code).not.toBe(0);
    expect(output).toContain('PORT');
    expect(output).not.toContain('listening');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  it('a malformed DATABASE_PATH exits non-zero naming DATABASE_PATH', async () => {
    const { code, output } = await runScript('src/main.ts', [], { PORT: '0', DATABASE_PATH: `${dir}/` });
    expect(code).not.toBe(0);
    expect(output).toContain('DATABASE_PATH');
  });

  it('a database path that cannot be opened exits non-zero', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const { code, output } = await runScript('src/main.ts', [], { PORT: '0', DATABASE_PATH: join(file, 'db.sqlite') });
    expect(code).not.toBe(0);
    expect(output).not.toContain('listening');
  });
});

describe('npm run demo', () => {
  it('serves the sandbox page, and a message typed there gets the help card', async () => {
    const server = await startServerProcess({ script: 'src/cli/demo.ts' });
    try {
      const page = await fetch(`${server.url}/sandbox`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('本地沙盒');
      const users = (await (await fetch(`${server.url}/sandbox/api/users`)).json()) as { users: { employeeNo: string }[] };
      expect(users.users.length).toBeGreaterThanOrEqual(14);
      const res = await fetch(`${server.url}/sandbox/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ employeeNo: 'S101', text: '帮助' }),
      });
      const body = (await res.json()) as { messages: { payload: { type: string; card: { title: string } } }[] };
      expect(body.messages[0]?.payload.card.title).toContain('可用命令');
    } finally {
      await server.stop();
    }
  });
});
