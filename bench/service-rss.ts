/**
 * The service's memory (issue 20): the real service process on a database file, measured from outside.
 *   - idle_rss_mb: VmRSS of /proc/<pid>/status once /readyz answers, the process has had SETTLE_MS
 *     without requests and two full GCs (so the figure is what it holds, not garbage it has not yet
 *     collected);
 *   - peak_rss_mb: VmHWM (the high-water mark, start-up included) after SCORINGS requests to
 *     GET /admin/kpi/scorecards?period=…, the admin door that scores and ranks every rep of a period.
 * It runs dist/src/main.js when the build is newer than every file in src/ (what production runs),
 * else src/main.ts under tsx (whose loader adds its own ~60 MB: the line says which). The GC is
 * reached through a preload given on the command line only (SIGUSR2 → gc()); production exposes nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { E2E_ADMIN_TOKEN } from '../test/helpers/feishu-server-process.js';
import { serviceEnv } from '../test/helpers/service-process.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIST_MAIN = join(ROOT, 'dist/src/main.js');
const SETTLE_MS = 3000;
const SCORINGS = 3;
const GC_ON_SIGNAL = "data:text/javascript,process.on('SIGUSR2',()=>globalThis.gc())";

export interface ServiceRss {
  /** 'dist' (the build) or 'tsx' (src/main.ts, loader included). */
  service: 'dist' | 'tsx';
  idle_rss_mb: number;
  peak_rss_mb?: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The build when it is up to date with src/, else src/main.ts under tsx. */
function entry(): { service: ServiceRss['service']; args: string[] } {
  if (existsSync(DIST_MAIN) && statSync(DIST_MAIN).mtimeMs >= newestMtime(join(ROOT, 'src'))) return { service: 'dist', args: [DIST_MAIN] };
  return { service: 'tsx', args: ['--import', 'tsx', join(ROOT, 'src/main.ts')] };
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} for ${pid}`);
  return Math.round(Number(match[1]) / 1024);
}

async function collectGarbage(pid: number): Promise<void> {
  // Twice: the first full GC can leave objects whose finalizers free more on the second.
  for (let i = 0; i < 2; i += 1) {
    process.kill(pid, 'SIGUSR2');
    await sleep(500);
  }
}

/**
 * Starts the service on `databaseFile` (no platform configured, jobs off), reports its idle RSS and,
 * when `periodKey` is given, its peak RSS while scoring that period for every rep (expects `reps` rows).
 */
export async function measureServiceRss(databaseFile: string, scoring?: { periodKey: string; reps: number }): Promise<ServiceRss> {
  const run = entry();
  const env = serviceEnv({ DATABASE_PATH: databaseFile, ADMIN_TOKEN: E2E_ADMIN_TOKEN, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const child = spawn(process.execPath, ['--expose-gc', '--import', GC_ON_SIGNAL, ...run.args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    const pid = child.pid as number;
    let url: string | undefined;
    for (let waited = 0; !url; waited += 100) {
      if (child.exitCode !== null || waited > 120_000) throw new Error(`service did not start:\n${output}`);
      url = /listening on (http:\/\/[\w.:-]+)/.exec(output)?.[1];
      await sleep(100);
    }
    while ((await fetch(`${url}/readyz`)).status !== 200) await sleep(100);
    await sleep(SETTLE_MS);
    await collectGarbage(pid);
    const idle = statusMb(pid, 'VmRSS');
    if (!scoring) return { service: run.service, idle_rss_mb: idle };
    for (let i = 0; i < SCORINGS; i += 1) {
      const response = await fetch(`${url}/admin/kpi/scorecards?period=${scoring.periodKey}`, { headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
      const body = (await response.json()) as { scorecards?: unknown[] };
      if (response.status !== 200 || body.scorecards?.length !== scoring.reps) throw new Error(`scoring through the admin API answered ${response.status} with ${body.scorecards?.length} scorecards`);
    }
    return { service: run.service, idle_rss_mb: idle, peak_rss_mb: statusMb(pid, 'VmHWM') };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
