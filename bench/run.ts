/**
 * Benchmarks: `npm run bench`; `--only kpi` / `--only fanout` / `--only import` / `--only webhook` / `--only progress` / `--only rss` runs one group.
 *
 * KPI (bench/kpi.ts): 1,000 reps; score one month (2026-11) and rank it, against a hand-written floor.
 *   - kpi-month-in-5y:   5,000,000 rows over 2022..2026, plus memory: the service process on that database
 *                        (service_idle_rss_mb; service_peak_rss_mb while it scores through the admin API) and a
 *                        bare process that only opens it and scores (db_only_idle_rss_mb, db_only_peak_rss_mb);
 *   - kpi-month-in-year: 1,000,000 rows over 2026; the same rows copied into a throwaway PostgreSQL and scored
 *                        there too (pg_ms, pg_floor_ms, pg_over_floor_ms);
 *   - kpi-month:         1,000,000 rows all in the scored month (the worst case: every row is aggregated).
 * Then the fan-out benchmark (bench/fanout.ts), the import benchmark (bench/import.ts: 20,000-row CSV
 * and xlsx, time and longest event-loop block), the inbound webhook benchmark (bench/webhook.ts), a saved record's progress line in a 1,000-rep org (bench/progress-line.ts) and, with
 * `--only rss` only, the service's memory on a smaller seeded database (bench/rss.ts). The last lines printed are one JSON object per
 * benchmark, so runs can be compared.
 */
import { PERIOD_KEY, runKpiScenario } from './kpi.js';
import { runFanoutBench } from './fanout.js';
import { runImportBench } from './import.js';
import { runRssBench } from './rss.js';
import { runWebhookBench } from './webhook.js';
import { runProgressLineBench } from './progress-line.js';

const REPS = Number(process.env.BENCH_REPS ?? 1000);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
/** kpi-month-in-5y's rows; BENCH_ROWS_5Y lowers it for a quick look. */
const ROWS_5Y = Number(process.env.BENCH_ROWS_5Y ?? 5_000_000);
/** BENCH_ONLY_LINES=kpi-month-in-year,kpi-month runs only those KPI lines (the 5y seed takes minutes); default all. */
const LINES = process.env.BENCH_ONLY_LINES?.split(',').map((line) => line.trim());
const wanted = (line: string) => !LINES || LINES.includes(line);

/** `--only rss`'s rows (the full run measures the service in kpi-month-in-5y instead). */
const ROWS_RSS = Number(process.env.BENCH_RSS_ROWS ?? 1_000_000);

// `npm run bench -- --only kpi`, `--only fanout`, `--only import`, `--only webhook`, `--only progress` or `--only rss` runs one group; without it, all.
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
const results: object[] = [];
if (!only || only === 'kpi') {
  // Five years of history, one month scored: the cost must follow the month, not the history.
  if (wanted('kpi-month-in-5y')) results.push(await runKpiScenario('kpi-month-in-5y', '2022..2026', { reps: REPS, rows: ROWS_5Y, memory: true }));
  // A year of history in a million rows; one month is scored.
  // Also on PostgreSQL (pg_ms beside ms), when initdb is found.
  if (wanted('kpi-month-in-year')) results.push(await runKpiScenario('kpi-month-in-year', '2026', { reps: REPS, rows: ROWS, postgres: true }));
  // Worst case: every one of the million rows falls in the scored month.
  if (wanted('kpi-month')) results.push(await runKpiScenario('kpi-month', PERIOD_KEY, { reps: REPS, rows: ROWS }));
}
if (!only || only === 'fanout') results.push(await runFanoutBench());
if (!only || only === 'import') results.push(...(await runImportBench()));
if (!only || only === 'webhook') results.push(await runWebhookBench());
if (!only || only === 'progress') results.push(await runProgressLineBench());
// kpi-month-in-5y already measures the service on its 5,000,000 rows: this line is for a quick look alone.
if (only === 'rss') results.push(await runRssBench({ reps: REPS, rows: ROWS_RSS }));
console.log('');
for (const result of results) console.log(JSON.stringify(result));
