import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_TEST_APP, feishuEnv } from '../helpers/feishu.js';
import { E2E_ADMIN_TOKEN, importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * The weekly fan-out survives a crash: the real server sends 2,000 weekly cards to the Feishu
 * simulator (50/s per app, 5/s per user, 1% of calls 503, a burst of 429s), is killed with
 * SIGKILL halfway, restarted on the same database, and every rep ends up with exactly one card.
 */
const REPS = 2000;

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('weekly report fan-out: crash in the middle, restart, exactly one card each', () => {
  let sim: FeishuSimulator;
  let server: ServerProcess | undefined;
  let temp: ReturnType<typeof tempDir>;
  const env = () => ({
    ...feishuEnv(sim.url),
    // A lease shorter than a restart: the new process takes over what the killed one was sending.
    OUTBOX_LEASE_MS: '4000',
    OUTBOX_CONCURRENCY: '16',
    // The simulator enforces 50/s and 5/s per user only (no per-minute quota).
    FEISHU_RATE_PER_MINUTE: '3000',
  });

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    temp = tempDir();
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    temp?.cleanup();
  });

  it(`delivers ${REPS} weekly cards once each through a SIGKILL, 429s and 1% 5xx`, async () => {
    const dbPath = join(temp.dir, 'e2e.db');
    server = await startServerProcess(env(), dbPath);
    const rows = Array.from({ length: REPS }, (_, i) => {
      const no = `R${String(i + 1).padStart(4, '0')}`;
      return { department: `销售部/第${Math.floor(i / 50) + 1}组`, name: `业务员${i + 1}`, employee_no: no, roles: 'rep', feishu_open_id: `ou_${no.toLowerCase()}` };
    });
    await importOrgThroughAdminApi(server.url, rows);

    sim.failRandomly(0.01, 7);
    const run = await fetch(`${server.url}/admin/jobs/weekly-report/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2026-W48' }),
    });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ status: 'succeeded', result: { sent: REPS, details: { repCards: REPS } } });

    await until(() => sim.sent.length >= 300, 120_000, '300 cards');
    // A burst of 429s (the next 30 message calls, each resetting in 1 s), however fast the sends go.
    sim.failNext('429', 30, { resetSeconds: 1 });
    await until(() => sim.sent.length >= 800, 120_000, '800 cards');
    await server.kill();
    const sentAtKill = sim.sent.length;
    expect(sentAtKill).toBeLessThan(REPS);

    server = await startServerProcess(env(), dbPath);
    const receivers = new Set<string>();
    await until(
      () => {
        for (const s of sim.sent) receivers.add(s.receiveId ?? '');
        return receivers.size >= REPS;
      },
      240_000,
      `${REPS} receivers`,
    );
    // Give anything still in flight a moment to (wrongly) land twice.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const perReceiver = new Map<string, number>();
    for (const s of sim.sent) perReceiver.set(s.receiveId ?? '', (perReceiver.get(s.receiveId ?? '') ?? 0) + 1);
    expect(perReceiver.size).toBe(REPS);
    expect([...perReceiver.values()].filter((n) => n !== 1)).toEqual([]);
    expect(sim.sent.every((s) => s.msgType === 'interactive' && s.uuid?.startsWith('weekly-report:2026-W48:user-'))).toBe(true);
    // The faults did happen: throttled and failed calls were retried.
    expect(sim.attempts.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    expect(sim.attempts.filter((a) => a.status === 503).length).toBeGreaterThan(0);

    await until(
      () => {
        const db = new Database(dbPath, { readonly: true });
        try {
          return (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'").get() as { n: number }).n === REPS;
        } finally {
          db.close();
        }
      },
      30_000,
      'every outbox row marked sent',
    );
    // Waiting budgets above, not measurements: a loaded machine sends the 2,000 cards more slowly.
  }, 600_000);
});
