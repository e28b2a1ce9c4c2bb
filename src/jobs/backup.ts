import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { backupDatabase } from '../db/backup.js';
import { quietResult, type JobDefinition } from './job.js';
import { isPg } from '../db/dialect.js';

const PREFIX = 'sales-kpi-';
const NAME = /^sales-kpi-\d{4}-\d{2}-\d{2}\.db$/;

/** The folder the backups go to: BACKUP_DIR, else backups/ beside the database file. */
export function backupDirOf(config: { databasePath: string; backup: { dir: string | undefined } }): string {
  return resolve(config.backup.dir ?? join(dirname(resolve(config.databasePath)), 'backups'));
}

/** Deletes all but the `keep` newest backups this job wrote (its own file names only; names sort by date). */
export function pruneBackups(dir: string, keep: number): string[] {
  const ours = readdirSync(dir).filter((name) => NAME.test(name)).sort();
  const removed = ours.slice(0, Math.max(0, ours.length - keep));
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}

/**
 * Daily online backup of the database (SQLite's backup API: no sqlite3 CLI in the image), one file per
 * business date, the BACKUP_KEEP newest kept. A forced re-run of a date overwrites that date's file.
 */
export const backupJob: JobDefinition = {
  name: 'backup',
  description: '备份数据库并保留最近的若干份 (back up the database and keep the newest copies)',
  schedule: '0 2 * * *',
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toISODate() as string,
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? null : 'period must be a date YYYY-MM-DD'),
  async run(deps, { periodKey }) {
    if (deps.config.databasePath === ':memory:') return quietResult({ skipped: 'in-memory database' });
    // PostgreSQL has its own tools (pg_dump, base backups); this job copies the SQLite file only.
    if (isPg(deps.db)) return quietResult({ skipped: 'PostgreSQL: back it up with pg_dump' });
    const dir = backupDirOf(deps.config);
    const file = join(dir, `${PREFIX}${periodKey}.db`);
    const { bytes } = await backupDatabase(deps.db, file);
    const removed = pruneBackups(dir, deps.config.backup.keep);
    return quietResult({ file: basename(file), bytes, removed });
  },
};
