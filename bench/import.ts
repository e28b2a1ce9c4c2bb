/**
 * Import benchmark: `npm run bench -- --only import` (also part of the full `npm run bench`).
 *
 * A 20,000-row customer file (the default IMPORT_MAX_ROWS), as CSV and as .xlsx, posted to the real
 * route (POST /admin/customers/import, app.inject) on a fresh database with the demo org. For each:
 *   parse_ms        reading the file alone (readCsv / readXlsx: the zip checks, then the stream)
 *   parse_delay_ms  the longest the event loop was blocked while reading it (monitorEventLoopDelay)
 *   import_ms       the whole request: read, check every row, write 20,000 customers in one transaction
 *   import_delay_ms the longest block during the whole request (the all-or-nothing write is one
 *                   synchronous SQLite transaction, so it shows here, not in parse_delay_ms)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { importOrg } from '../src/features/org/import.js';
import { readCsv, readJsonRows, readXlsx, writeXlsx } from '../src/features/imports/tabular.js';
import { DEMO_ORG_ROWS } from '../src/seed/demo-org.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['客户名称', '渠道', '地区', '行业', '标签', '别名', '负责人工号', '联系人', '职务', '电话'];
const OWNERS = ['S101', 'S102', 'S103'];

export interface ImportBenchResult {
  bench: string;
  rows: number;
  bytes: number;
  parse_ms: number;
  parse_delay_ms: number;
  import_ms: number;
  import_delay_ms: number;
}

function customerRows(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => [`基准客户${i}有限公司`, '直销', '上海', '制造', '重点', '', OWNERS[i % OWNERS.length]!, `联系人${i}`, '采购', `138${String(i).padStart(8, '0')}`]);
}

/** Runs `work` and reports how long it took and the longest event-loop block meanwhile. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; maxDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  // The histogram records a block when its timer finally fires: let it fire once after the work.
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  return { value, ms: Math.round(ms), maxDelayMs: Math.round(histogram.max / 1e6) };
}

async function runOne(kind: 'csv' | 'xlsx', body: Buffer | string): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'skb-bench-import-'));
  const db = openDatabase(join(dir, 'bench.db'));
  runMigrations(db);
  try {
    const imported = await importOrg(db, readJsonRows(DEMO_ORG_ROWS), { now: Date.now(), actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_PATH: join(dir, 'bench.db'), ADMIN_TOKEN, JOBS_ENABLED: 'false' });
    const app = await buildApp({ config, db, logger: pino({ level: 'silent' }) });
    try {
      const parse = await measured(() => (typeof body === 'string' ? readCsv(body, config.imports) : readXlsx(body, config.imports)));
      if (parse.value.length !== ROWS) throw new Error(`read ${parse.value.length} rows, expected ${ROWS}`);
      const request = await measured(() =>
        app.inject({ method: 'POST', url: '/admin/customers/import', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': kind === 'csv' ? 'text/csv' : XLSX }, payload: body }),
      );
      const answer = request.value.json() as { created?: number };
      if (request.value.statusCode !== 200 || answer.created !== ROWS) throw new Error(`import answered ${request.value.statusCode}: ${request.value.body.slice(0, 300)}`);
      const bytes = Buffer.byteLength(body);
      console.log(`\n[import-${kind}] ${ROWS.toLocaleString('en')} rows, ${(bytes / 1024).toFixed(0)} KB`);
      console.log(`  read: ${parse.ms} ms (longest event-loop block ${parse.maxDelayMs} ms); whole request: ${request.ms} ms (longest block ${request.maxDelayMs} ms)`);
      return { bench: `import-${kind}`, rows: ROWS, bytes, parse_ms: parse.ms, parse_delay_ms: parse.maxDelayMs, import_ms: request.ms, import_delay_ms: request.maxDelayMs };
    } finally {
      await app.close();
    }
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runImportBench(): Promise<ImportBenchResult[]> {
  const rows = customerRows(ROWS);
  const csv = [HEADER, ...rows].map((cells) => cells.join(',')).join('\n');
  const xlsx = await writeXlsx('客户', HEADER, rows);
  return [await runOne('csv', csv), await runOne('xlsx', xlsx)];
}
