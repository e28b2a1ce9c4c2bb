/**
 * Profiling aid for the KPI engine (not a bench line): seeds a database into a kept file once, then
 * scores the bench's period N times, so `node --cpu-prof --import tsx bench/kpi-profile.ts` shows
 * where scoring spends its time without the seed in the profile.
 * argv: database file, span key (e.g. 2026 or 2026-11), runs (default 30). BENCH_REPS / BENCH_ROWS size a new file.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { createKpiScorecardRepository, rankPeriod } from '../src/db/repositories/kpi-scorecard-repository.js';
import { checkDistribution } from '../src/domain/kpi/distribution.js';
import { parsePeriodKey } from '../src/domain/period.js';
import { FLOOR_SQL, PERIOD_KEY } from './kpi.js';
import { seedActivity } from './seed-activity.js';

const [file = '/tmp/kpi-profile.db', spanKey = '2026', runsArg = '30'] = process.argv.slice(2);
const fresh = !existsSync(file);
const db = openDatabase(file);
if (fresh) {
  runMigrations(db);
  await seedActivity(db, Number(process.env.BENCH_REPS ?? 1000), Number(process.env.BENCH_ROWS ?? 1_000_000), spanKey);
}
const scorecards = createKpiScorecardRepository(db);
const period = parsePeriodKey(PERIOD_KEY)!;
const runs: number[] = [];
// CPU time as well as wall time: on a shared machine the wall time mostly measures the neighbours.
const cpu: number[] = [];
for (let i = 0; i < Number(runsArg); i += 1) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const scores = await scorecards.scorePeriod(period);
  rankPeriod(scores);
  checkDistribution(scores.reps.map((r) => r.scorecard.grade));
  runs.push(performance.now() - started);
  const used = process.cpuUsage(cpuStarted);
  cpu.push((used.user + used.system) / 1000);
}
// The bench's floor on the same file, in CPU time.
const floorStatement = db.$client.prepare(FLOOR_SQL);
const floorCpu: number[] = [];
for (let i = 0; i < Math.min(Number(runsArg), 9); i += 1) {
  const cpuStarted = process.cpuUsage();
  floorStatement.all({ startDate: period.startDate, endDate: period.endDate, start: period.start, end: period.end });
  const used = process.cpuUsage(cpuStarted);
  floorCpu.push((used.user + used.system) / 1000);
}
db.$client.close();
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number);
console.log(JSON.stringify({ file, runs: runs.length, median_ms: median(runs), min_ms: Math.round(Math.min(...runs)), median_cpu_ms: median(cpu), min_cpu_ms: Math.round(Math.min(...cpu)), floor_median_cpu_ms: median(floorCpu), floor_min_cpu_ms: Math.round(Math.min(...floorCpu)) }));
