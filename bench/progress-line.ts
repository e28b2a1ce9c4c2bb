/**
 * A saved record's progress line (本月拜访 3/20) in a 1,000-rep org: `npm run bench -- --only progress`.
 * Every 拜访 typed in chat scores its rep's month for that one indicator, so this is paid on each
 * inbound message. Prints ms per line (mean of 500 after 50 to warm up); the cost should not grow
 * with the org. BENCH_PROGRESS_REPS changes the org's size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeAppDatabase, openDatabase, runMigrations } from '../src/db/client.js';
import { createKpiScorecardRepository } from '../src/db/repositories/kpi-scorecard-repository.js';
import { ensureDefaultKpiTemplate } from '../src/db/repositories/kpi-template-repository.js';
import { periodContaining } from '../src/domain/period.js';

const REPS = Number(process.env.BENCH_PROGRESS_REPS ?? 1000);

export interface ProgressLineResult {
  bench: 'progress-line';
  reps: number;
  ms_per_line: number;
}

export async function runProgressLineBench(): Promise<ProgressLineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'skb-bench-progress-'));
  const db = openDatabase(join(dir, 'progress.db'));
  try {
    runMigrations(db);
    const createdAt = Date.parse('2026-01-01T00:00:00Z');
    await ensureDefaultKpiTemplate(db, createdAt);
    const sqlite = db.$client;
    const user = sqlite.prepare("INSERT INTO users (employee_no, name, locale, active, created_at, updated_at) VALUES (?, ?, 'zh', 1, ?, ?)");
    const role = sqlite.prepare("INSERT INTO user_roles (user_id, role, source, created_at) VALUES (?, 'rep', 'import', ?)");
    const ids = sqlite.transaction(() => Array.from({ length: REPS }, (_, i) => Number(user.run(`R${i}`, `Rep ${i}`, createdAt, createdAt).lastInsertRowid)).map((id) => (role.run(id, createdAt), id)))();
    const period = periodContaining('month', Date.parse('2026-11-15T04:00:00Z'), 'Asia/Shanghai');
    const scoring = createKpiScorecardRepository(db);
    const line = (i: number) => scoring.scorePeriod(period, { userIds: new Set([ids[i % ids.length] as number]), indicators: ['visits'] });
    for (let i = 0; i < 50; i += 1) await line(i);
    const started = performance.now();
    for (let i = 0; i < 500; i += 1) if ((await line(i)).reps.length !== 1) throw new Error('the progress line scored no rep');
    return { bench: 'progress-line', reps: REPS, ms_per_line: Math.round(((performance.now() - started) / 500) * 1000) / 1000 };
  } finally {
    await closeAppDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
