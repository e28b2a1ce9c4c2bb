/**
 * Memory of scoring, measured in a process of its own (the bench's own heap would blur it): opens the
 * database as the service does, prints its idle RSS, scores the period a few times and prints the
 * peak RSS (getrusage's maxrss). argv: database file, period key.
 */
import { openDatabase } from '../src/db/client.js';
import { createKpiScorecardRepository } from '../src/db/repositories/kpi-scorecard-repository.js';
import { parsePeriodKey } from '../src/domain/period.js';

const [file, key] = process.argv.slice(2) as [string, string];
const db = openDatabase(file);
const scorecards = createKpiScorecardRepository(db);
const period = parsePeriodKey(key)!;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
db.$client.prepare('SELECT COUNT(*) FROM users').get();
const idle = process.memoryUsage().rss;
for (let i = 0; i < 3; i += 1) await scorecards.scorePeriod(period);
const peak = process.resourceUsage().maxRSS * 1024;
db.$client.close();
process.stdout.write(`${JSON.stringify({ idle_rss_mb: mb(idle), peak_rss_mb: mb(peak) })}\n`);
