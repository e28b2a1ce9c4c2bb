/**
 * KPI scoring benchmark (`npm run bench -- --only kpi`): seeds a temporary database (real migrations)
 * and scores one month, against the floor; see run.ts for the lines. Each line measures
 *   - ms:        all scorecards plus team, department and org rankings and the forced-distribution check;
 *   - floor_ms:  one hand-written statement computing the same per-rep sums over the same rows, reading
 *                each table by the same date ranges (deals: won_on, lost_on, created_at), no JavaScript;
 *   - over_floor_ms: ms − floor_ms, the engine's own cost (a range-scan floor can fall below the fixed
 *                cost of scoring 1,000 reps, so the ratio alone would mislead);
 *   - rows_in_period / rows_total.
 * Each figure is the median of several runs after one warm-up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeAppDatabase, openDatabase, openPgAppDatabase, runMigrations, type Db } from '../src/db/client.js';
import { namedSql, queryRows } from '../src/db/dialect.js';
import { copySqliteToPg } from '../src/db/pg-copy.js';
import { createPgDatabase, findPgBinaries, startPgCluster } from '../test/helpers/pg-cluster.js';
import { createKpiScorecardRepository, rankPeriod } from '../src/db/repositories/kpi-scorecard-repository.js';
import { checkDistribution } from '../src/domain/kpi/distribution.js';
import { parsePeriodKey } from '../src/domain/period.js';
import { seedActivity } from './seed-activity.js';
import { measureServiceRss } from './service-rss.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
export const PERIOD_KEY = '2026-11';

/** The floor: the same per-rep sums in one hand-written statement, each table read by its date range (SQL both databases read). */
export const FLOOR_SQL = `
SELECT u, SUM(visits), SUM(customers), SUM(won), SUM(revenue), SUM(lost), SUM(created), SUM(paid), SUM(score), SUM(surveys),
       SUM(complaints), SUM(quick), SUM(open), SUM(minutes), SUM(new_customers)
FROM (
  SELECT rep_user_id AS u, COUNT(*) AS visits, COUNT(DISTINCT customer_id) AS customers, 0 AS won, 0 AS revenue, 0 AS lost, 0 AS created, 0 AS paid,
         0 AS score, 0 AS surveys, 0 AS complaints, 0 AS quick, 0 AS open, 0 AS minutes, 0 AS new_customers
    FROM visits WHERE visit_date >= @startDate AND visit_date < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, COUNT(*), SUM(amount_fen), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM deals WHERE won_on >= @startDate AND won_on < @endDate AND stage = 'won' GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, COUNT(*), 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM deals WHERE lost_on >= @startDate AND lost_on < @endDate AND stage = 'lost' GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, COUNT(*), 0, 0, 0, 0, 0, 0, 0, 0 FROM deals WHERE created_at >= @start AND created_at < @end GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, SUM(amount_fen), 0, 0, 0, 0, 0, 0, 0 FROM payments WHERE paid_on >= @startDate AND paid_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, 0, SUM(score), COUNT(*), 0, 0, 0, 0, 0 FROM satisfaction_surveys WHERE surveyed_on >= @startDate AND surveyed_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*), SUM(CASE WHEN responded_at - received_at <= 86400000 THEN 1 ELSE 0 END),
         SUM(CASE WHEN closed_at IS NULL OR closed_at >= @end THEN 1 ELSE 0 END), 0, 0
    FROM complaints WHERE received_on >= @startDate AND received_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT rep_user_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, SUM(minutes), 0 FROM trainings WHERE trained_on >= @startDate AND trained_on < @endDate GROUP BY rep_user_id
  UNION ALL
  SELECT owner_user_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*) FROM customers WHERE created_at >= @start AND created_at < @end GROUP BY owner_user_id
) AS per_table GROUP BY u`;

const IN_PERIOD_SQL = `SELECT (SELECT COUNT(*) FROM visits WHERE visit_date >= @startDate AND visit_date < @endDate)
      + (SELECT COUNT(*) FROM deals WHERE created_at >= @start AND created_at < @end)
      + (SELECT COUNT(*) FROM payments WHERE paid_on >= @startDate AND paid_on < @endDate)
      + (SELECT COUNT(*) FROM satisfaction_surveys WHERE surveyed_on >= @startDate AND surveyed_on < @endDate)
      + (SELECT COUNT(*) FROM complaints WHERE received_on >= @startDate AND received_on < @endDate)
      + (SELECT COUNT(*) FROM trainings WHERE trained_on >= @startDate AND trained_on < @endDate)
      + (SELECT COUNT(*) FROM customers WHERE created_at >= @start AND created_at < @end) AS n`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export interface KpiBenchResult {
  bench: string;
  reps: number;
  rows_total: number;
  rows_in_period: number;
  ms: number;
  floor_ms: number;
  over_floor_ms: number;
  ratio: number;
  /** The service process (bench/service-rss.ts) on this database: idle, and peak while scoring through its admin API. */
  service?: 'dist' | 'tsx';
  service_idle_rss_mb?: number;
  service_peak_rss_mb?: number;
  /** A bare process that only opens the database and scores (bench/kpi-rss-process.ts): the engine's share. */
  db_only_idle_rss_mb?: number;
  db_only_peak_rss_mb?: number;
  /** The same scoring on PostgreSQL (the same rows copied with `db copy`), when initdb is found. */
  pg_ms?: number;
  pg_floor_ms?: number;
  pg_over_floor_ms?: number;
}

/**
 * The line on PostgreSQL: a throwaway cluster, the seeded SQLite file copied in (src/db/pg-copy.ts), the
 * same engine and floor timed the same way.
 */
async function onPostgres(file: string, engineOn: (db: Db) => () => Promise<void>, params: Record<string, unknown>): Promise<Pick<KpiBenchResult, 'pg_ms' | 'pg_floor_ms' | 'pg_over_floor_ms'>> {
  if (!findPgBinaries()) {
    console.log('  PostgreSQL not found (initdb): no pg figures');
    return {};
  }
  const cluster = await startPgCluster();
  try {
    const url = await createPgDatabase(cluster.url, 'kpi_bench');
    const copyTook = await time(() => copySqliteToPg({ sqlitePath: file, pgUrl: url }));
    const db = await openPgAppDatabase(url, { migrate: false, poolSize: 2 });
    try {
      const engine = engineOn(db);
      const floor = async () => {
        await queryRows(db, namedSql(FLOOR_SQL, params));
      };
      await engine();
      await floor();
      const engineRuns: number[] = [];
      const floorRuns: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        floorRuns.push(await time(floor));
        engineRuns.push(await time(engine));
      }
      const ms = Math.round(median(engineRuns));
      const floorMs = Math.round(median(floorRuns));
      console.log(`  PostgreSQL (copied in ${(copyTook / 1000).toFixed(1)} s): engine runs (ms) ${engineRuns.map((v) => v.toFixed(0)).join(', ')}; floor ${floorRuns.map((v) => v.toFixed(0)).join(', ')}`);
      return { pg_ms: ms, pg_floor_ms: floorMs, pg_over_floor_ms: ms - floorMs };
    } finally {
      await closeAppDatabase(db);
    }
  } finally {
    await cluster.stop();
  }
}

/** The bare scorer's idle and peak RSS on `file` (getrusage's maxrss). */
function dbOnlyRss(file: string): Pick<KpiBenchResult, 'db_only_idle_rss_mb' | 'db_only_peak_rss_mb'> {
  const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kpi-rss-process.ts'), file, PERIOD_KEY], { encoding: 'utf8' })) as { idle_rss_mb: number; peak_rss_mb: number };
  return { db_only_idle_rss_mb: out.idle_rss_mb, db_only_peak_rss_mb: out.peak_rss_mb };
}

/** The service's idle RSS on `file` and its peak while scoring PERIOD_KEY through the admin API. */
async function serviceRss(file: string, reps: number): Promise<Pick<KpiBenchResult, 'service' | 'service_idle_rss_mb' | 'service_peak_rss_mb'>> {
  const measured = await measureServiceRss(file, { periodKey: PERIOD_KEY, reps });
  return { service: measured.service, service_idle_rss_mb: measured.idle_rss_mb, service_peak_rss_mb: measured.peak_rss_mb };
}

/** Seeds a fresh database whose rows span `spanKey` and times scoring PERIOD_KEY against the floor. */
export async function runKpiScenario(name: string, spanKey: string, sizes: { reps: number; rows: number; memory?: boolean; postgres?: boolean }): Promise<KpiBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'skb-bench-'));
  try {
    const file = join(dir, 'bench.db');
    const db = openDatabase(file);
    runMigrations(db);
    let seeded = { repIds: [] as number[], rows: 0 };
    const seedTook = await time(async () => (seeded = await seedActivity(db, sizes.reps, sizes.rows, spanKey)));
    const period = parsePeriodKey(PERIOD_KEY)!;
    let scored = 0;
    let flagged = 0;
    const engineOn = (on: Db) => {
      const scorecards = createKpiScorecardRepository(on);
      return async () => {
        const scores = await scorecards.scorePeriod(period);
        const rankings = rankPeriod(scores);
        flagged = checkDistribution(scores.reps.map((r) => r.scorecard.grade)).flags.length;
        scored = scores.reps.length;
        if (rankings.org.length !== scored) throw new Error('ranking lost reps');
      };
    };
    const engine = engineOn(db);
    const floorStatement = db.$client.prepare(FLOOR_SQL);
    const params = { startDate: period.startDate, endDate: period.endDate, start: period.start, end: period.end };
    let floorRows: unknown[] = [];
    const floor = () => {
      floorRows = floorStatement.all(params);
    };

    await engine();
    floor();
    const engineRuns: number[] = [];
    const floorRuns: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      floorRuns.push(await time(floor));
      engineRuns.push(await time(engine));
    }
    const inPeriod = (db.$client.prepare(IN_PERIOD_SQL).get(params) as { n: number }).n;
    db.$client.close();
    // Memory in fresh processes, so the bench's own heap is not counted: the bare scorer, then the service.
    const memory = sizes.memory ? { ...dbOnlyRss(file), ...(await serviceRss(file, scored)) } : {};
    const postgres = sizes.postgres ? await onPostgres(file, engineOn, params) : {};
    const ms = Math.round(median(engineRuns));
    const floorMs = Math.round(median(floorRuns));
    console.log(`\n[${name}] ${seeded.repIds.length} reps, ${seeded.rows.toLocaleString('en')} rows dated in ${spanKey} (${inPeriod.toLocaleString('en')} in ${PERIOD_KEY}), seeded in ${(seedTook / 1000).toFixed(1)} s`);
    console.log(`  scored ${scored} reps (${flagged} forced-distribution flags); floor returned ${floorRows.length} rows`);
    console.log(`  engine runs (ms): ${engineRuns.map((v) => v.toFixed(0)).join(', ')}`);
    console.log(`  floor runs (ms):  ${floorRuns.map((v) => v.toFixed(0)).join(', ')}`);
    return { bench: name, reps: scored, rows_total: seeded.rows, rows_in_period: inPeriod, ms, floor_ms: floorMs, over_floor_ms: ms - floorMs, ratio: Math.round((ms / floorMs) * 100) / 100, ...memory, ...postgres };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
