import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FEISHU_TEST_APP, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { E2E_ADMIN_TOKEN, importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startSimulatorProcess } from '../../bench/fanout.js';

useProcessTimeouts();

/**
 * Two service processes on one PostgreSQL behind a round-robin proxy, as a load balancer would run them
 * (APP_INSTANCES=2: each takes half of Feishu's 50/s). Feishu's events are spread over both and some are
 * redelivered to the other instance; then one instance is SIGKILLed in the middle of a 2,000-card weekly
 * fan-out and started again. Every event is handled once, every card reaches its rep once per uuid, and
 * the simulator, which enforces Feishu's limits, never has to refuse a call for going too fast.
 */
const REPS = 2000;
const EVENTS = 40;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A load balancer in a few lines: each request goes to the next instance in turn. */
function roundRobinProxy(targets: () => string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const list = targets();
    const target = new URL(req.url ?? '/', list[next++ % list.length]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${address.port}`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

describe('several instances on one PostgreSQL', () => {
  // The simulator in its own process: Feishu's servers do not share the test's event loop, so arrivals are timed as Feishu would time them.
  let sim: Awaited<ReturnType<typeof startSimulatorProcess>>;
  let temp: ReturnType<typeof tempDir>;
  let databaseUrl: string;
  const instances: (ServerProcess | undefined)[] = [undefined, undefined];
  let proxy: Awaited<ReturnType<typeof roundRobinProxy>>;
  const env = () => ({
    ...feishuEnv(sim.url),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    APP_INSTANCES: '2',
    // A lease shorter than a restart: the surviving instance takes over what the killed one was sending.
    OUTBOX_LEASE_MS: '4000',
    OUTBOX_CONCURRENCY: '16',
    // The simulator enforces 50/s per app and 5/s per user (no per-minute quota).
    FEISHU_RATE_PER_MINUTE: '3000',
  });
  const start = (i: number) => startServerProcess(env(), join(temp.dir, `instance-${i}.db`));
  const query = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    sim = await startSimulatorProcess({ SIM_APP_ID: FEISHU_TEST_APP.appId, SIM_APP_SECRET: FEISHU_TEST_APP.appSecret });
    temp = tempDir();
    databaseUrl = await createPgDatabase(inject('pgClusterUrl'), `multi_instance_${process.pid}`);
    // The first start applies migrations/pg; the second finds them applied.
    instances[0] = await start(0);
    instances[1] = await start(1);
    proxy = await roundRobinProxy(() => instances.flatMap((s) => (s ? [s.url] : [])));
  });
  afterAll(async () => {
    for (const instance of instances) await instance?.stop();
    await proxy?.close();
    await sim?.close();
    temp?.cleanup();
  });

  it('spreads events over both: each handled once, its reply sent once, a redelivery to the other instance ignored', async () => {
    const rows = Array.from({ length: REPS }, (_, i) => {
      const no = `R${String(i + 1).padStart(4, '0')}`;
      return { department: `销售部/第${Math.floor(i / 50) + 1}组`, name: `业务员${i + 1}`, employee_no: no, roles: 'rep', feishu_open_id: `ou_${no.toLowerCase()}` };
    });
    await importOrgThroughAdminApi(proxy.url, rows);

    const feishu = createFeishuEventClient(FEISHU_TEST_APP);
    const events = Array.from({ length: EVENTS }, (_, i) => feishu.messageEvent({ sender: feishuIdsOf(`R${String(i + 1).padStart(4, '0')}`), text: '帮助' }));
    const statuses = await Promise.all(events.map(async (event) => (await feishu.post(`${proxy.url}/webhooks/feishu/events`, event)).status));
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Feishu retries an event it thinks was lost; the round robin sends each retry to the other instance.
    const retried = await Promise.all(events.map(async (event) => (await feishu.post(`${proxy.url}/webhooks/feishu/events`, event)).status));
    expect(retried.every((s) => s === 200)).toBe(true);

    await until(async () => (await sim.count()) >= EVENTS, 60_000, `${EVENTS} replies`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const replies = (await sim.stats()).sent;
    expect(replies).toHaveLength(EVENTS);
    expect(new Set(replies.map((s) => s.uuid)).size).toBe(EVENTS);
    const handled = await query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM processed_events WHERE platform = 'feishu' GROUP BY status");
    expect(handled).toEqual([{ status: 'done', n: EVENTS }]);
    // Neither instance logged an error while handling its share (the proxy alternates, so each got half).
    for (const instance of instances) expect(instance?.output() ?? '').not.toContain('"level":50');
  });

  it(`delivers ${REPS} weekly cards once each through a SIGKILL of one instance, never above the app-wide rate`, async () => {
    const before = await sim.count();
    const run = await fetch(`${proxy.url}/admin/jobs/weekly-report/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2026-W48' }),
    });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ status: 'succeeded', result: { sent: REPS } });

    await until(async () => (await sim.count()) - before >= 600, 120_000, '600 cards');
    await instances[0]?.kill();
    instances[0] = undefined;
    const sentAtKill = (await sim.count()) - before;
    expect(sentAtKill).toBeLessThan(REPS);
    // A rolling restart: the replacement joins while the survivor keeps sending.
    instances[0] = await start(0);

    await until(async () => (await sim.count()) - before >= REPS, 240_000, `${REPS} cards`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const stats = await sim.stats();
    const weekly = () => stats.sent.slice(before).filter((s) => s.uuid.startsWith('weekly-report:2026-W48:user-'));

    const perReceiver = new Map<string, number>();
    for (const s of weekly()) perReceiver.set(s.receiveId, (perReceiver.get(s.receiveId) ?? 0) + 1);
    expect(perReceiver.size).toBe(REPS);
    expect([...perReceiver.values()].filter((n) => n !== 1)).toEqual([]);
    // Both instances' limiters together stayed under Feishu's: no call was refused for rate, app or user.
    // Both instances' limiters together stayed under Feishu's: no call refused for rate (app or user), and
    // the fan-out's sends as the simulator received them (Feishu counts arrivals) never exceed 50 in a second.
    expect(stats.throttled).toBe(0);
    const sends = weekly().map((s) => s.at).sort((x, y) => x - y);
    let busiest = 0;
    for (let i = 0, j = 0; i < sends.length; i += 1) {
      while ((sends[i] as number) - (sends[j] as number) >= 1000) j += 1;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(50);
    const outbox = await query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM outbox WHERE idempotency_key LIKE 'weekly-report:%' GROUP BY status");
    expect(outbox).toEqual([{ status: 'sent', n: REPS }]);
    console.log(`multi-instance: ${sentAtKill} weekly cards sent before the SIGKILL; busiest second ${busiest} sends (limit 50)`);
  });
});
