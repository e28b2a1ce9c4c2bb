/**
 * KPI benchmark: `npm run bench`.
 *
 * Seeds a temporary database (real migrations) with 1,000 reps and 1,000,000 activity rows and scores
 * one month, twice: "kpi-month" puts every row inside the scored month (the worst case: every row is
 * aggregated); "kpi-month-in-year" spreads the same million rows over the year. Each measures
 *   - ms:       all scorecards (one set of GROUP BY aggregates + the exact rational engine for every
 *               rep) plus team, department and org rankings and the forced-distribution check;
 *   - floor_ms: one hand-written SQL statement computing the same per-rep sums over the same rows,
 *               with no JavaScript at all: the least any implementation has to pay;
 *   - ratio:    ms ÷ floor_ms.
 * Each figure is the median of several runs after one warm-up. Then the fan-out benchmark
 * (bench/fanout.ts) and the import benchmark (bench/import.ts: 20,000-row CSV and xlsx, time and longest
 * event-loop block). The last lines printed are one JSON object per benchmark, so runs can be
 * compared. `--only kpi` / `--only fanout` / `--only import` runs one group.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { createKpiScorecardRepository, rankPeriod } from '../src/db/repositories/kpi-scorecard-repository.js';
import { checkDistribution } from '../src/domain/kpi/distribution.js';
import { parsePeriodKey } from '../src/domain/period.js';
import { runFanoutBench } from './fanout.js';
import { runImportBench } from './import.js';
import { seedActivity } from './seed-activity.js';

const REPS = Number(process.env.BENCH_REPS ?? 1000);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PERIOD_KEY = '2026-11';

/** The floor: the same per-rep sums in one hand-written statement, rows returned, no scoring. */
const FLOOR_SQL = `
SELECT u, SUM(visits), SUM(customers), SUM(won), SUM(revenue), SUM(lost), SUM(created), SUM(paid), SUM(score), SUM(surveys),
       SUM(complaints), SUM(quick), SUM(open), SUM(minutes), SUM(new_customers)
FROM (
  SELECT rep_user_id AS u, COUNT(*) AS visits, COUNT(DISTINCT customer_id) AS customers, 0 AS won, 0 AS revenue, 0 AS lost, 0 AS created, 0 AS paid,
         0 AS score, 0 AS surveys, 0 AS complaints, 0 AS quick, 0 AS open, 0 AS minutes, 0 AS new_customers
    FROM visits WHERE visit_date >= @startDate AND visit_date < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, SUM(stage = 'won' AND won_on >= @startDate AND won_on < @endDate),
         SUM(CASE WHEN stage = 'won' AND won_on >= @startDate AND won_on < @endDate THEN amount_fen ELSE 0 END),
         SUM(stage = 'lost' AND lost_on >= @startDate AND lost_on < @endDate), SUM(created_at >= @start AND created_at < @end), 0, 0, 0, 0, 0, 0, 0, 0
    FROM deals GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, SUM(amount_fen), 0, 0, 0, 0, 0, 0, 0 FROM payments WHERE paid_on >= @startDate AND paid_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, 0, SUM(score), COUNT(*), 0, 0, 0, 0, 0 FROM satisfaction_surveys WHERE surveyed_on >= @startDate AND surveyed_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*), SUM(responded_at - received_at <= 86400000), SUM(closed_at IS NULL OR closed_at >= @end), 0, 0
    FROM complaints WHERE received_on >= @startDate AND received_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, SUM(minutes), 0 FROM trainings WHERE trained_on >= @startDate AND trained_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT owner_user_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*) FROM customers WHERE created_at >= @start AND created_at < @end GROUP BY owner_user_id
) GROUP BY u`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

interface BenchResult {
  bench: string;
  reps: number;
  rows: number;
  rows_in_period: number;
  ms: number;
  floor_ms: number;
  ratio: number;
}

/** Seeds a fresh database whose rows span `spanKey` and times scoring PERIOD_KEY against the floor. */
async function runScenario(name: string, spanKey: string): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'skb-bench-'));
  try {
    const db = openDatabase(join(dir, 'bench.db'));
    runMigrations(db);
    let seeded = { repIds: [] as number[], rows: 0 };
    const seedTook = await time(async () => (seeded = await seedActivity(db, REPS, ROWS, spanKey)));
    const period = parsePeriodKey(PERIOD_KEY)!;
    const scorecards = createKpiScorecardRepository(db);
    let scored = 0;
    let flagged = 0;
    const engine = async () => {
      const scores = await scorecards.scorePeriod(period);
      const rankings = rankPeriod(scores);
      flagged = checkDistribution(scores.reps.map((r) => r.scorecard.grade)).flags.length;
      scored = scores.reps.length;
      if (rankings.org.length !== scored) throw new Error('ranking lost reps');
    };
    const floorStatement = db.$client.prepare(FLOOR_SQL);
    const params = { startDate: period.startDate, endDate: period.endDate, start: period.start, end: period.end };
    let floorRows: { [column: string]: number }[] = [];
    const floor = () => {
      floorRows = floorStatement.all(params) as { [column: string]: number }[];
    };

    await engine();
    floor();
    const engineRuns: number[] = [];
    const floorRuns: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      floorRuns.push(await time(floor));
      engineRuns.push(await time(engine));
    }
    const inPeriod = (
      db.$client
        .prepare(
          `SELECT (SELECT COUNT(*) FROM visits WHERE visit_date >= @startDate AND visit_date < @endDate)
                + (SELECT COUNT(*) FROM deals WHERE created_at >= @start AND created_at < @end)
                + (SELECT COUNT(*) FROM payments WHERE paid_on >= @startDate AND paid_on < @endDate)
                + (SELECT COUNT(*) FROM satisfaction_surveys WHERE surveyed_on >= @startDate AND surveyed_on < @endDate)
                + (SELECT COUNT(*) FROM complaints WHERE received_on >= @startDate AND received_on < @endDate)
                + (SELECT COUNT(*) FROM trainings WHERE trained_on >= @startDate AND trained_on < @endDate)
                + (SELECT COUNT(*) FROM customers WHERE created_at >= @start AND created_at < @end) AS n`,
        )
        .get(params) as { n: number }
    ).n;
    db.$client.close();
    const ms = Math.round(median(engineRuns));
    const floorMs = Math.round(median(floorRuns));
    console.log(`\n[${name}] ${seeded.repIds.length} reps, ${seeded.rows.toLocaleString('en')} rows dated in ${spanKey} (${inPeriod.toLocaleString('en')} in ${PERIOD_KEY}), seeded in ${(seedTook / 1000).toFixed(1)} s`);
    console.log(`  scored ${scored} reps (${flagged} forced-distribution flags); floor returned ${floorRows.length} rows`);
    console.log(`  engine runs (ms): ${engineRuns.map((v) => v.toFixed(0)).join(', ')}`);
    console.log(`  floor runs (ms):  ${floorRuns.map((v) => v.toFixed(0)).join(', ')}`);
    console.log(`  target ms <= 1000 and ratio <= 2: ${ms <= 1000 && ms <= 2 * floorMs ? 'met' : 'NOT met'}`);
    return { bench: name, reps: scored, rows: seeded.rows, rows_in_period: inPeriod, ms, floor_ms: floorMs, ratio: Math.round((ms / floorMs) * 100) / 100 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench -- --only kpi`, `--only fanout` or `--only import` runs one group; without it, all.
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
const results: object[] = [];
if (!only || only === 'kpi') {
  // Worst case: every one of the million rows falls in the scored month.
  results.push(await runScenario('kpi-month', PERIOD_KEY));
  // A year of history in the same million rows; one month is scored.
  results.push(await runScenario('kpi-month-in-year', '2026'));
}
if (!only || only === 'fanout') results.push(await runFanoutBench());
if (!only || only === 'import') results.push(...(await runImportBench()));
console.log('');
for (const result of results) console.log(JSON.stringify(result));
