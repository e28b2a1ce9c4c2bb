import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import { copySqliteToPg, type CopyOptions, type CopyReport } from '../db/pg-copy.js';
import { t } from '../i18n/index.js';
import { createProgressWriter, type ProgressStream } from './progress-writer.js';

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
  progress: ProgressStream;
}

const consoleOutput: CliOutput = { log: (line) => console.log(line), error: (line) => console.error(line), progress: process.stderr };

const both = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => `${t('zh', key, params)} (${t('en', key, params)})`;

/** One line per table: counts and each *_fen sum, SQLite → PostgreSQL, ✓ or ✗. */
export function reportLines(report: CopyReport): string[] {
  const lines = report.tables.map((check) => {
    const money = check.money.map((m) => ` | ${m.column} ${m.sqlite} → ${m.pg}`).join('');
    return `${check.ok ? '✓' : '✗'} ${check.table} | ${check.sqliteRows} → ${check.pgRows}${money}`;
  });
  return [both('dbCopy.reportHeader'), ...lines];
}

/**
 * `db copy --to postgres://…`: DATABASE_PATH into an empty PostgreSQL database (src/db/pg-copy.ts does the
 * work). 0 when every check matched and the copy committed; 1 when it was rolled back; refusals (a non-empty
 * target, a table missing on the pg side) are ProblemErrors the CLI prints in both languages.
 */
export async function runDbCopy(
  config: Config,
  to: string | undefined,
  out: CliOutput = consoleOutput,
  options: Pick<CopyOptions, 'migrationsFolder'> = {},
): Promise<number> {
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    out.error(both('dbCopy.badUrl'));
    return 64;
  }
  if (!existsSync(config.databasePath)) {
    out.error(both('dbCopy.noDatabase', { path: config.databasePath }));
    return 1;
  }
  const progress = createProgressWriter(out.progress, (locale) => t(locale, 'dbCopy.progress'));
  const report = await copySqliteToPg({ ...options, sqlitePath: config.databasePath, pgUrl: to, onProgress: (done, total) => progress.update(done, total) }).finally(() =>
    progress.stop(),
  );
  for (const line of reportLines(report)) out.log(line);
  if (!report.ok) {
    out.error(both('dbCopy.mismatch'));
    return 1;
  }
  out.log(both('dbCopy.done', { tables: report.tables.length, rows: report.rows }));
  return 0;
}
