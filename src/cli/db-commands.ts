import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import { backupDatabase, DatabaseInUseError, restoreDatabase } from '../db/backup.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { runDbCopy } from './db-copy-command.js';

export const DB_USAGE = `  db backup <file>                            copy the database while the service runs (online backup)
  db restore <file>                           put a backup in place of the database (the service must be stopped)
  db copy --to postgres://…                   copy the database into an empty PostgreSQL database (checked, all or nothing)`;

/** `db backup`, `db restore` and `db copy`; null when the arguments are not one of them (the caller prints the usage). */
export async function runDbCommand(config: Config, action: string | undefined, file: string | undefined, options: { to?: string } = {}): Promise<number | null> {
  if (action === 'copy' && !file) return runDbCopy(config, options.to);
  if (!file || (action !== 'backup' && action !== 'restore')) return null;
  if (config.database.url) {
    // These copy the SQLite file; a PostgreSQL deployment backs up with pg_dump / pg_restore.
    console.error(`DATABASE_URL 指向 PostgreSQL：请用 pg_dump / pg_restore 备份和恢复 (DATABASE_URL is PostgreSQL: use pg_dump / pg_restore; db ${action} copies the SQLite file only)`);
    return 2;
  }
  if (action === 'backup') {
    if (!existsSync(config.databasePath)) {
      console.error(`数据库不存在 (no database at ${config.databasePath})`);
      return 1;
    }
    const db = openDatabase(config.databasePath);
    try {
      const { bytes } = await backupDatabase(db, file);
      console.log(`已备份到 ${file} (backed up to ${file}, ${bytes} bytes)`);
      return 0;
    } finally {
      closeDatabase(db);
    }
  }
  try {
    restoreDatabase(file, config.databasePath);
    console.log(`已从 ${file} 恢复 (restored ${config.databasePath} from ${file})`);
    return 0;
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    console.error(`数据库正在被使用，请先停止服务 (${error.message})`);
    return 75;
  }
}
