import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { closeAppDatabase, openConfiguredDatabase } from '../db/client.js';
import { describeJobOutcome } from '../jobs/describe-outcome.js';
import { createLogger } from '../logger.js';
import { DB_USAGE, runDbCommand } from './db-commands.js';
import { createProgressWriter } from './progress-writer.js';
import { importOrg } from '../features/org/import.js';
import { importHistory } from '../features/imports/history-import.js';
import { readCsv, readJsonRows, readXlsx, type TabularRecord } from '../features/imports/tabular.js';
import type { ImportLimits } from '../features/imports/import-limits.js';
import { isProblemError } from '../domain/problem.js';
import { translateProblem } from '../i18n/problem-text.js';
import { t } from '../i18n/index.js';

const USAGE = `Usage: npm run cli -- <command>
  org import <file.json|file.csv|file.xlsx>   import or update the org (all or nothing)
  import history <file.csv|file.xlsx>         import past visits, deals and payments (all or nothing)
  jobs list                                   list the jobs
  jobs run <name> [--period KEY] [--force]    run a job now (once per period; --force runs a done period
                                              again, and nobody who got a message gets it twice)
${DB_USAGE}`;

async function readRecords(path: string, limits: ImportLimits): Promise<TabularRecord[]> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(readFileSync(path), limits);
  if (lower.endsWith('.csv')) return readCsv(readFileSync(path, 'utf8'), limits);
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const rows = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown[] }).rows;
  if (!Array.isArray(rows)) throw new Error('JSON must be an array of rows or {"rows": [...]}');
  return readJsonRows(rows, limits);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { period: { type: 'string' }, force: { type: 'boolean' }, to: { type: 'string' } } });
  const [area, action, arg] = positionals;
  const config = loadConfig(process.env);
  // Before the database is opened here: a restore must find it closed by everyone.
  if (area === 'db') {
    const code = await runDbCommand(config, action, arg, { to: values.to });
    if (code !== null) return code;
    console.error(USAGE);
    return 64;
  }
  const db = await openConfiguredDatabase(config);
  try {
    const historyImport = area === 'import' && action === 'history' && arg;
    if ((area === 'org' && action === 'import' && arg) || historyImport) {
      const records = await readRecords(arg, config.imports);
      // Progress goes to stderr: stdout keeps the one JSON line a script reads.
      const progress = createProgressWriter(process.stderr, (locale) => t(locale, 'import.progress'));
      const onProgress = (done: number, total: number) => progress.update(done, total);
      const result = await (historyImport
        ? importHistory(db, records, { now: Date.now(), zone: config.timezone, maxFen: config.maxAmountFen, actorUserId: null, source: 'cli', onProgress })
        : importOrg(db, records, { now: Date.now(), actorUserId: null, source: 'cli', onProgress })
      ).finally(() => progress.stop());
      if (!result.ok) {
        console.error('导入失败，未写入任何数据 (import failed, nothing was written):');
        for (const e of result.errors) console.error(`  第 ${e.rowNumber} 行 row ${e.rowNumber}${e.field ? ` [${e.field}]` : ''}: ${e.reason}`);
        return 1;
      }
      console.log(JSON.stringify(result));
      return 0;
    }
    if (area === 'jobs') {
      const app = await buildApp({ config, db, logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
      try {
        if (action === 'list') {
          for (const job of app.jobs.jobs) console.log(`${job.name}\t${job.schedule}\t${job.description}`);
          return 0;
        }
        if (action === 'run' && arg) {
          const progress = createProgressWriter(process.stderr, (locale) => t(locale, 'import.jobProgress', { job: arg }));
          const outcome = await app.jobs
            .run(arg, { trigger: 'cli', periodKey: values.period, force: values.force ?? false, onProgress: (done, total) => progress.update(done, total) })
            .finally(() => progress.stop());
          console.log(describeJobOutcome(outcome, 'zh', config.timezone));
          console.log(describeJobOutcome(outcome, 'en', config.timezone));
          console.log(JSON.stringify(outcome));
          return outcome.status === 'failed' ? 1 : 0;
        }
      } finally {
        await app.close();
      }
    }
    console.error(USAGE);
    return 64;
  } finally {
    await closeAppDatabase(db);
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    // A refused file (too many rows, too large unzipped) is worded in both languages, as the other lines are.
    if (isProblemError(error)) console.error(`${translateProblem('zh', error.problem)} (${translateProblem('en', error.problem)})`);
    else console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
