/**
 * Service memory on its own (`npm run bench -- --only rss`): the idle RSS of an empty service (a
 * fresh database, migrated by the service), then the idle and peak RSS of the service on a seeded
 * database while it scores PERIOD_KEY (bench/service-rss.ts). Run alone it seeds BENCH_RSS_ROWS rows
 * (default 1,000,000, over 2022..2026 like kpi-month-in-5y but a fifth of its size, so it takes
 * seconds, not minutes); the full `npm run bench` measures the service on kpi-month-in-5y's own
 * 5,000,000 rows in that line.
 */
import { join } from 'node:path';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { tempDir } from '../test/helpers/feishu-server-process.js';
import { PERIOD_KEY } from './kpi.js';
import { seedActivity } from './seed-activity.js';
import { measureServiceRss } from './service-rss.js';

export interface RssResult {
  bench: 'rss';
  service: 'dist' | 'tsx';
  reps: number;
  rows_total: number;
  empty_idle_rss_mb: number;
  service_idle_rss_mb: number;
  service_peak_rss_mb: number | undefined;
}

export async function runRssBench(sizes: { reps: number; rows: number }): Promise<RssResult> {
  const temp = tempDir();
  try {
    const empty = await measureServiceRss(join(temp.dir, 'empty.db'));
    const file = join(temp.dir, 'seeded.db');
    const db = openDatabase(file);
    runMigrations(db);
    const seeded = await seedActivity(db, sizes.reps, sizes.rows, '2022..2026');
    db.$client.close();
    const measured = await measureServiceRss(file, { periodKey: PERIOD_KEY, reps: seeded.repIds.length });
    console.log(`\n[rss] ${measured.service} service: empty ${empty.idle_rss_mb} MB idle; on ${seeded.rows.toLocaleString('en')} rows ${measured.idle_rss_mb} MB idle, ${measured.peak_rss_mb} MB peak scoring ${PERIOD_KEY}`);
    return {
      bench: 'rss',
      service: measured.service,
      reps: seeded.repIds.length,
      rows_total: seeded.rows,
      empty_idle_rss_mb: empty.idle_rss_mb,
      service_idle_rss_mb: measured.idle_rss_mb,
      service_peak_rss_mb: measured.peak_rss_mb,
    };
  } finally {
    temp.cleanup();
  }
}
