/**
 * Fan-out benchmark: `npm run bench -- --only fanout` (also part of the full `npm run bench`).
 *
 * The weekly report for 10,000 recipients (9,900 reps in 99 teams, and their 99 managers plus a
 * director getting ranking cards: 10,000 cards) queued by the real job into the real outbox and sent
 * by the real Feishu channel to the Feishu simulator (in its own process), which enforces 50/s per app
 * and 5/s per user.
 * Prints one JSON line:
 *   rate_per_s  cards the simulator accepted per second, first to last
 *   share       rate ÷ the 50/s app limit (target ≥ 0.9)
 *   duplicates  recipients who got a card of a kind more than once (target 0)
 *   lost        cards queued but never delivered (target 0)
 *   throttled   calls the simulator refused for going over a limit
 *   queue_ms    how long the job took to score everyone and queue the cards
 * BENCH_FANOUT_CARDS lowers the count for a quick look.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { importOrg } from '../src/features/org/import.js';
import { readJsonRows } from '../src/features/imports/tabular.js';
import { fork, type ChildProcess } from 'node:child_process';

const CARDS = Number(process.env.BENCH_FANOUT_CARDS ?? 10_000);
const LIMIT_PER_S = 50;
const TEAM_SIZE = 100;

export interface FanoutResult {
  bench: 'fanout';
  cards: number;
  limit_per_s: number;
  rate_per_s: number;
  share: number;
  duplicates: number;
  lost: number;
  /** Calls the simulator refused with 429 / 230020: pacing too eager. */
  throttled: number;
  queue_ms: number;
}

/** 1 director + T managers + (CARDS − 1 − T) reps, T teams of up to TEAM_SIZE: CARDS cards in all. */
function orgRows(cards: number): Record<string, string>[] {
  const teams = Math.max(1, Math.floor((cards - 1) / (TEAM_SIZE + 1)));
  const reps = cards - 1 - teams;
  const rows: Record<string, string>[] = [{ department: '销售部', name: '总监', employee_no: 'D0', roles: 'manager', is_leader: '是', feishu_open_id: 'ou_d0' }];
  for (let team = 1; team <= teams; team += 1) {
    rows.push({ department: `销售部/第${team}组`, name: `经理${team}`, employee_no: `M${team}`, roles: 'manager', is_leader: '是', manager_employee_no: 'D0', feishu_open_id: `ou_m${team}` });
  }
  for (let i = 0; i < reps; i += 1) {
    rows.push({ department: `销售部/第${(i % teams) + 1}组`, name: `业务员${i + 1}`, employee_no: `R${i + 1}`, roles: 'rep', feishu_open_id: `ou_r${i + 1}` });
  }
  return rows;
}

interface SimStats {
  sent: { receiveId: string; uuid: string; at: number }[];
  throttled: number;
}

/** The simulator as a child process (see feishu-sim-process.ts), asked over IPC. */
export async function startSimulatorProcess(env: Record<string, string> = {}): Promise<{ url: string; count(): Promise<number>; stats(): Promise<SimStats>; close(): Promise<void> }> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'feishu-sim-process.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    child.once('message', (message: { type: string; url: string }) => resolve(message));
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return {
    url: ready.url,
    count: async () => (await ask<{ count: number }>('count')).count,
    stats: () => ask<SimStats>('stats'),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  };
}

export async function runFanoutBench(cards = CARDS): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), 'skb-bench-fanout-'));
  const sim = await startSimulatorProcess();
  const db = openDatabase(join(dir, 'bench.db'));
  runMigrations(db);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_PATH: join(dir, 'bench.db'),
    FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718',
    FEISHU_APP_SECRET: 'bench-secret',
    FEISHU_VERIFICATION_TOKEN: 'bench-token',
    // Production refuses token-only callbacks; this bench sends none, but the config must be one production accepts.
    FEISHU_ENCRYPT_KEY: 'bench-encrypt-key',
    FEISHU_BASE_URL: sim.url,
    FEISHU_RATE_PER_SECOND: String(LIMIT_PER_S),
    // The simulator enforces the per-second limits only.
    FEISHU_RATE_PER_MINUTE: String(LIMIT_PER_S * 60),
    OUTBOX_CONCURRENCY: '16',
  });
  const imported = await importOrg(db, readJsonRows(orgRows(cards)), { now: Date.now(), actorUserId: null, source: 'cli' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
  const app = await buildApp({ config, db, logger: pino({ level: 'silent' }) });
  try {
    const queuedAt = performance.now();
    const outcome = await app.jobs.run('weekly-report', { trigger: 'cli', periodKey: '2026-W48' });
    const queueMs = Math.round(performance.now() - queuedAt);
    if (outcome.status !== 'succeeded') throw new Error(`weekly report did not run: ${JSON.stringify(outcome)}`);
    const queued = outcome.result.sent;
    app.botDeps.outbox.start();
    const deadline = Date.now() + (queued / LIMIT_PER_S) * 3000 + 60_000;
    let lastProgress = 0;
    for (let count = 0; count < queued && Date.now() < deadline; count = await sim.count()) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (count - lastProgress >= 1000) {
        lastProgress = count;
        process.stderr.write(`  fanout: ${count} / ${queued}\n`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stats = await sim.stats();
    const kinds = new Map<string, number>();
    for (const s of stats.sent) {
      const kind = `${s.receiveId}:${(s.uuid ?? '').split(':').pop()?.split('-')[0]}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const duplicates = [...kinds.values()].filter((n) => n > 1).length;
    const delivered = kinds.size;
    const first = stats.sent[0]?.at ?? 0;
    const last = stats.sent[stats.sent.length - 1]?.at ?? 0;
    // n cards paced at r/s span (n − 1) intervals.
    const rate = last > first ? (stats.sent.length - 1) / ((last - first) / 1000) : 0;
    return {
      bench: 'fanout',
      cards: queued,
      limit_per_s: LIMIT_PER_S,
      rate_per_s: Math.round(rate * 10) / 10,
      share: Math.round((rate / LIMIT_PER_S) * 100) / 100,
      duplicates,
      lost: queued - delivered,
      throttled: stats.throttled,
      queue_ms: queueMs,
    };
  } finally {
    await app.close();
    await sim.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runFanoutBench()));
}
