/**
 * Inbound webhook benchmark: `npm run bench -- --only webhook`.
 *
 * The real service process (src/main.ts, as the e2e tests start it) with Feishu played by the simulator
 * in its own process, rate limits lifted there and FEISHU_RATE_* raised in the service, so the service
 * is measured rather than the platform. One client sends EVENTS signed, encrypted im.message.receive_v1
 * events, each a new `拜访 <customer> ...` from one of the demo reps, CONCURRENCY at a time, then posts
 * the same number of requests to a bare Fastify POST route in this process. Prints one JSON line:
 *   acks_per_s, ack_p50_ms, ack_p99_ms   HTTP 200s from the service, per second and latency
 *   processed_per_s                      first send to the moment every visit is stored and every reply
 *                                        has reached the simulator
 *   bare_per_s, ratio                    the bare route's rate with the same client; acks_per_s ÷ bare_per_s
 * BENCH_WEBHOOK_EVENTS lowers the count; BENCH_WEBHOOK_PROFILE=<dir> writes the service's CPU profile there;
 * BENCH_WEBHOOK_STATEMENTS=<file> adds the service's SQL statements and CPU ms per event in the timed run
 * (bench/counted-main.ts; the per-statement counts go to <file>.per-event.json).
 */
import { performance } from 'node:perf_hooks';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../test/helpers/feishu.js';
import { E2E_ADMIN_TOKEN, importOrgThroughAdminApi, tempDir } from '../test/helpers/feishu-server-process.js';
import { spawnService } from '../test/helpers/service-process.js';
import { createFeishuEventClient } from '../test/simulators/feishu/event-client.js';
import { startSimulatorProcess } from './fanout.js';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 2000);
const CONCURRENCY = 10;

export interface WebhookResult {
  bench: 'webhook';
  events: number;
  concurrency: number;
  acks_per_s: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  processed_per_s: number;
  bare_per_s: number;
  ratio: number;
  /** With BENCH_WEBHOOK_STATEMENTS: the service's SQL statements and CPU ms per event in the timed run. */
  statements_per_event?: number;
  cpu_ms_per_event?: number;
}

interface Snapshot {
  cpuMs: number;
  bySql: Record<string, number>;
}

/** Asks the counting service (bench/counted-main.ts) for its counts so far and waits for the file. */
async function statementSnapshot(file: string, n: number): Promise<Snapshot> {
  process.kill(Number(readFileSync(`${file}.pid`, 'utf8')), 'SIGUSR2');
  for (let tries = 0; tries < 500 && !existsSync(`${file}.${n}`); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return JSON.parse(readFileSync(`${file}.${n}`, 'utf8')) as Snapshot;
}

function perEvent(before: Snapshot, after: Snapshot, events: number): { statements_per_event: number; cpu_ms_per_event: number } {
  const bySql = Object.entries(after.bySql).map(([sql, n]) => [sql, (n - (before.bySql[sql] ?? 0)) / events] as const).filter(([, n]) => n > 0);
  writeFileSync(`${process.env.BENCH_WEBHOOK_STATEMENTS}.per-event.json`, JSON.stringify(Object.fromEntries(bySql.sort((a, b) => b[1] - a[1])), null, 1));
  return { statements_per_event: round(bySql.reduce((sum, [, n]) => sum + n, 0), 2), cpu_ms_per_event: round((after.cpuMs - before.cpuMs) / events, 2) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Sends `count` requests CONCURRENCY at a time; returns each latency (ms) and the wall time. */
async function drive(count: number, send: (i: number) => Promise<number>): Promise<{ latencies: number[]; ms: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const at = performance.now();
      const status = await send(i);
      if (status !== 200) throw new Error(`request ${i} answered ${status}`);
      latencies.push(performance.now() - at);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies: latencies.sort((a, b) => a - b), ms: performance.now() - started };
}

export async function runWebhookBench(events = EVENTS): Promise<WebhookResult> {
  const temp = tempDir();
  const sim = await startSimulatorProcess({ SIM_NO_LIMITS: '1', SIM_APP_ID: FEISHU_TEST_APP.appId, SIM_APP_SECRET: FEISHU_TEST_APP.appSecret });
  const profile = process.env.BENCH_WEBHOOK_PROFILE;
  const statements = process.env.BENCH_WEBHOOK_STATEMENTS;
  const server = await spawnService({
    ...(profile ? { script: 'bench/profiled-main.ts' } : statements ? { script: 'bench/counted-main.ts' } : {}),
    env: {
      ...feishuEnv(sim.url),
      DATABASE_PATH: join(temp.dir, 'bench.db'),
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      FEISHU_RATE_PER_SECOND: '1000',
      FEISHU_RATE_PER_MINUTE: '60000',
      FEISHU_RATE_PER_USER_PER_SECOND: '100',
      RATE_LIMIT_WEBHOOK_PER_MINUTE: '100000',
      OUTBOX_CONCURRENCY: '16',
      ...(profile ? { BENCH_PROFILE_DIR: profile } : {}),
      ...(statements ? { BENCH_STATEMENTS_FILE: statements } : {}),
    },
  });
  const bare = Fastify();
  bare.post('/events', async () => ({}));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    const rows = feishuDemoOrgRows();
    await importOrgThroughAdminApi(server.url, rows);
    const reps = rows.filter((r) => (r.roles ?? '').split(',').includes('rep')).map((r) => r.employee_no as string);
    const feishu = createFeishuEventClient(FEISHU_TEST_APP);
    const url = `${server.url}/webhooks/feishu/events`;
    const post = async (text: string, rep: string) => (await feishu.post(url, feishu.messageEvent({ sender: feishuIdsOf(rep), text }))).status;
    const db = new Database(join(temp.dir, 'bench.db'), { readonly: true });
    const visits = db.prepare('SELECT COUNT(*) AS n FROM visits');
    const count = () => (visits.get() as { n: number }).n;
    const waitFor = async (done: () => Promise<boolean>, what: string) => {
      const deadline = performance.now() + 600_000;
      while (!(await done())) {
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // Each rep's customer, registered through chat; this is also the warm-up.
    for (const rep of reps) if ((await post(`客户 压测客户${rep} 直销`, rep)) !== 200) throw new Error('warm-up refused');
    await waitFor(async () => (await sim.count()) >= reps.length, 'warm-up replies');
    const repliesBefore = await sim.count();
    const visitsBefore = count();

    // Feishu signs and encrypts each event on its side: every body is built before the timer starts,
    // so the client's crypto does not take the shared cores from the service. The signed timestamp is
    // now; the run ends well inside the service's 5-minute window.
    const requests = Array.from({ length: events }, (_, i) => {
      const rep = reps[i % reps.length] as string;
      return feishu.request(feishu.messageEvent({ sender: feishuIdsOf(rep), text: `拜访 压测客户${rep} 第${i}次 聊了采购计划` }));
    });
    const send = async (target: string, i: number) => {
      const { body, headers } = requests[i] as (typeof requests)[number];
      const response = await fetch(target, { method: 'POST', headers, body });
      await response.arrayBuffer();
      return response.status;
    };

    const before = statements ? await statementSnapshot(statements, 1) : undefined;
    const started = performance.now();
    const acks = await drive(events, (i) => send(url, i));
    await waitFor(async () => count() - visitsBefore >= events && (await sim.count()) - repliesBefore >= events, 'every visit and reply');
    const processedMs = performance.now() - started;
    db.close();
    const measured = statements && before ? perEvent(before, await statementSnapshot(statements, 2), events) : {};

    // The same pre-built requests against the bare route, so the ratio compares like with like.
    const bareRun = await drive(events, (i) => send(`${bareUrl}/events`, i));
    const acksPerS = events / (acks.ms / 1000);
    const barePerS = events / (bareRun.ms / 1000);
    return {
      bench: 'webhook',
      events,
      concurrency: CONCURRENCY,
      acks_per_s: round(acksPerS),
      ack_p50_ms: round(percentile(acks.latencies, 0.5)),
      ack_p99_ms: round(percentile(acks.latencies, 0.99)),
      processed_per_s: round(events / (processedMs / 1000)),
      bare_per_s: round(barePerS),
      ratio: round(acksPerS / barePerS, 3),
      ...measured,
    };
  } finally {
    await bare.close();
    await server.stop(20_000);
    await sim.close();
    temp.cleanup();
  }
}
