/**
 * KPI benchmark: `npm run bench`.
 *
 * Seeds a temporary database (real migrations) with 1,000 reps and 1,000,000 activity rows, all dated
 * inside the scored month (the worst case: every row is aggregated), then measures
 *   - ms:       all scorecards (one set of GROUP BY aggregates + the exact rational engine for every
 *               rep) plus team, department and org rankings and the forced-distribution check;
 *   - floor_ms: one hand-written SQL statement computing the same per-rep sums over the same rows,
 *               with no JavaScript at all: the least any implementation has to pay;
 *   - ratio:    ms ÷ floor_ms.
 * Each figure is the median of several runs after one warm-up. The last lines printed are one JSON
 * object per benchmark, so runs can be compared.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, runMigrations, type Db } from '../src/db/client.js';
import { ensureDefaultSalesChannels } from '../src/db/repositories/sales-channel-repository.js';
import { createKpiScorecardRepository, rankPeriod } from '../src/db/repositories/kpi-scorecard-repository.js';
import { ensureDefaultKpiTemplate } from '../src/db/repositories/kpi-template-repository.js';
import { checkDistribution } from '../src/domain/kpi/distribution.js';
import { parsePeriodKey } from '../src/domain/period.js';
import { syntheticOrgRows } from '../src/seed/synthetic.js';
import { importOrg } from '../src/services/org-import.js';
import { readJsonRows } from '../src/services/tabular.js';

const REPS = Number(process.env.BENCH_REPS ?? 1000);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PERIOD_KEY = '2026-11';

/** Share of the activity rows per table (sums to 1). */
const MIX = { customers: 0.05, visits: 0.6, deals: 0.15, payments: 0.1, surveys: 0.05, complaints: 0.03, trainings: 0.02 };

/** A small deterministic PRNG (mulberry32), so every run seeds the same data. */
function createRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seed(db: Db): { repIds: number[]; rows: number } {
  const now = Date.parse('2026-12-02T09:00:00+08:00');
  ensureDefaultSalesChannels(db, now);
  ensureDefaultKpiTemplate(db, now);
  const imported = importOrg(db, readJsonRows(syntheticOrgRows(REPS)), { now, actorUserId: null, channel: 'cli' });
  if (!imported.ok) throw new Error(`org import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const client = db.$client;
  const repIds = (client.prepare("SELECT user_id AS id FROM user_roles WHERE role = 'rep' ORDER BY user_id").all() as { id: number }[]).map((r) => r.id);
  const channelIds = (client.prepare('SELECT id FROM sales_channels').all() as { id: number }[]).map((r) => r.id);
  const random = createRandom(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const period = parsePeriodKey(PERIOD_KEY)!;
  const day = () => `2026-11-${String(1 + Math.floor(random() * 30)).padStart(2, '0')}`;
  const instant = () => period.start + Math.floor(random() * (period.end - period.start));

  const counts = Object.fromEntries(Object.entries(MIX).map(([k, share]) => [k, Math.round(ROWS * share)])) as Record<keyof typeof MIX, number>;
  counts.visits += ROWS - Object.values(counts).reduce((a, b) => a + b, 0);

  const insertCustomer = client.prepare(
    `INSERT INTO customers (name, normalized_name, channel_id, owner_user_id, source, created_by_user_id, tags, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'import', ?, '[]', ?, ?)`,
  );
  const insertVisit = client.prepare(`INSERT INTO visits (rep_user_id, customer_id, visit_date, kind, source, created_at, updated_at) VALUES (?, ?, ?, 'onsite', 'import', ?, ?)`);
  const insertDeal = client.prepare(
    `INSERT INTO deals (customer_id, rep_user_id, amount_fen, stage, channel_id, won_on, lost_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertPayment = client.prepare(`INSERT INTO payments (deal_id, rep_user_id, customer_id, amount_fen, paid_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'import', ?, ?)`);
  const insertSurvey = client.prepare(`INSERT INTO satisfaction_surveys (customer_id, rep_user_id, score, surveyed_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, 'import', ?, ?)`);
  const insertComplaint = client.prepare(
    `INSERT INTO complaints (customer_id, rep_user_id, content, received_on, received_at, responded_at, closed_at, source, created_at, updated_at) VALUES (?, ?, '投诉', ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertTraining = client.prepare(`INSERT INTO trainings (rep_user_id, course, minutes, trained_on, kind, source, created_at, updated_at) VALUES (?, '产品培训', ?, ?, 'internal', 'import', ?, ?)`);

  // Foreign keys are checked by the schema in production; the bench writes consistent ids itself.
  client.pragma('foreign_keys = OFF');
  client.transaction(() => {
    const customersOf = new Map<number, number[]>();
    for (let i = 0; i < counts.customers; i += 1) {
      const rep = repIds[i % repIds.length] as number;
      const at = instant();
      const id = Number(insertCustomer.run(`客户${i}有限公司`, `客户${i}`, pick(channelIds), rep, rep, at, at).lastInsertRowid);
      const list = customersOf.get(rep);
      if (list) list.push(id);
      else customersOf.set(rep, [id]);
    }
    const customerOf = (rep: number) => pick(customersOf.get(rep) ?? [1]);
    for (let i = 0; i < counts.visits; i += 1) {
      const rep = pick(repIds);
      insertVisit.run(rep, customerOf(rep), day(), now, now);
    }
    const deals: { id: number; rep: number; customer: number }[] = [];
    for (let i = 0; i < counts.deals; i += 1) {
      const rep = pick(repIds);
      const customer = customerOf(rep);
      const r = random();
      const stage = r < 0.4 ? 'won' : r < 0.7 ? 'lost' : 'proposal';
      const at = instant();
      const id = Number(
        insertDeal.run(customer, rep, 100_000 + Math.floor(random() * 20_000_000), stage, pick(channelIds), stage === 'won' ? day() : null, stage === 'lost' ? day() : null, at, at).lastInsertRowid,
      );
      deals.push({ id, rep, customer });
    }
    for (let i = 0; i < counts.payments; i += 1) {
      const deal = pick(deals);
      insertPayment.run(deal.id, deal.rep, deal.customer, 10_000 + Math.floor(random() * 5_000_000), day(), now, now);
    }
    for (let i = 0; i < counts.surveys; i += 1) {
      const rep = pick(repIds);
      insertSurvey.run(customerOf(rep), rep, 1 + Math.floor(random() * 5), day(), now, now);
    }
    for (let i = 0; i < counts.complaints; i += 1) {
      const rep = pick(repIds);
      const received = instant();
      const responded = random() < 0.9 ? received + Math.floor(random() * 48 * 3_600_000) : null;
      const closed = responded !== null && random() < 0.7 ? responded + 3_600_000 : null;
      insertComplaint.run(customerOf(rep), rep, new Date(received + 8 * 3_600_000).toISOString().slice(0, 10), received, responded, closed, now, now);
    }
    for (let i = 0; i < counts.trainings; i += 1) insertTraining.run(pick(repIds), 30 + Math.floor(random() * 8) * 30, day(), now, now);
  })();
  client.pragma('foreign_keys = ON');
  return { repIds, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

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

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'skb-bench-'));
  try {
    const db = openDatabase(join(dir, 'bench.db'));
    runMigrations(db);
    const seedMs = time(() => undefined);
    let seeded = { repIds: [] as number[], rows: 0 };
    const seedTook = time(() => (seeded = seed(db))) + seedMs;
    console.log(`seeded ${seeded.repIds.length} reps and ${seeded.rows.toLocaleString('en')} activity rows in ${(seedTook / 1000).toFixed(1)} s`);

    const period = parsePeriodKey(PERIOD_KEY)!;
    const scorecards = createKpiScorecardRepository(db);
    let scored = 0;
    let flagged = 0;
    const engine = () => {
      const scores = scorecards.scorePeriod(period);
      const rankings = rankPeriod(scores);
      flagged = checkDistribution(scores.reps.map((r) => r.scorecard.grade)).flags.length;
      scored = scores.reps.length;
      if (rankings.org.length !== scored) throw new Error('ranking lost reps');
    };
    const floorStatement = db.$client.prepare(FLOOR_SQL);
    let floorRows = 0;
    const floor = () => {
      floorRows = floorStatement.all({ startDate: period.startDate, endDate: period.endDate, start: period.start, end: period.end }).length;
    };

    engine();
    floor();
    const engineRuns: number[] = [];
    const floorRuns: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      floorRuns.push(time(floor));
      engineRuns.push(time(engine));
    }
    const ms = Math.round(median(engineRuns));
    const floorMs = Math.round(median(floorRuns));
    console.log(`scored ${scored} reps (${flagged} forced-distribution flags); floor returned ${floorRows} rows`);
    console.log(`engine runs (ms): ${engineRuns.map((v) => v.toFixed(0)).join(', ')}`);
    console.log(`floor runs (ms):  ${floorRuns.map((v) => v.toFixed(0)).join(', ')}`);
    console.log(`target: ms <= 1000 and ratio <= 2 → ${ms <= 1000 && ms <= 2 * floorMs ? 'met' : 'NOT met'}`);
    db.$client.close();
    console.log(JSON.stringify({ bench: 'kpi-month', reps: scored, rows: seeded.rows, ms, floor_ms: floorMs, ratio: Math.round((ms / floorMs) * 100) / 100 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
