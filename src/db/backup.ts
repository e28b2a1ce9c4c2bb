import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db } from './client.js';
import { holdConnection } from './connection-lock.js';

/** Every remaining page in one step: a backup copies one consistent snapshot and is never restarted by a write. */
const ALL_PAGES = 0x7fffffff;

export class DatabaseInUseError extends Error {
  constructor(readonly path: string) {
    super(`database ${path} is open in another process (a running service?); stop it before restoring`);
    this.name = 'DatabaseInUseError';
  }
}

/**
 * Copies the open database to `file` with SQLite's online backup API, while the service runs. It holds
 * the connection's turn throughout: a step taken while this connection has a write transaction open
 * copies nothing (SQLite answers BUSY and better-sqlite3 reports an empty, finished backup). Written to
 * a temporary name and renamed, so a half-written file never looks like a backup.
 */
export async function backupDatabase(db: Db, file: string): Promise<{ pages: number; bytes: number }> {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    const progress = await holdConnection(db.$client, () => db.$client.backup(partial, { progress: () => ALL_PAGES }));
    if (progress.totalPages === 0) throw new Error('backup copied no pages');
    // The copy keeps the source's WAL mark; a backup is one self-contained file.
    const copy = new Database(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    renameSync(partial, target);
    return { pages: progress.totalPages, bytes: statSync(target).size };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Opens a file as a SQLite database and checks it through; throws when it is not a sound one. */
function checkBackup(file: string): void {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const [row] = source.pragma('quick_check') as { quick_check: string }[];
    if (row?.quick_check !== 'ok') throw new Error(`${file} is not a sound database: ${row?.quick_check ?? 'no answer'}`);
  } finally {
    source.close();
  }
}

/**
 * Puts a backup in place of the database at `target`. Refuses (DatabaseInUseError) while any other
 * connection has the target open: an exclusive lock cannot be had then (in WAL mode every open
 * connection holds the shared-memory lock), which is the test, not a pid file. The copy replaces
 * the file only while that lock is held.
 */
export function restoreDatabase(backupFile: string, target: string): void {
  checkBackup(backupFile);
  const path = resolve(target);
  mkdirSync(dirname(path), { recursive: true });
  const incoming = `${path}.restoring`;
  copyFileSync(backupFile, incoming);
  if (!existsSync(path)) {
    renameSync(incoming, path);
    return;
  }
  const current = new Database(path, { fileMustExist: true });
  try {
    current.pragma('busy_timeout = 0');
    try {
      current.pragma('locking_mode = EXCLUSIVE');
      current.exec('BEGIN EXCLUSIVE');
      current.prepare('SELECT count(*) FROM sqlite_master').get();
      current.exec('COMMIT');
      // Alone now: leave WAL so no -wal/-shm of the old database outlives the swap.
      current.pragma('journal_mode = DELETE');
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(path);
      throw error;
    }
    renameSync(incoming, path);
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  } finally {
    current.close();
  }
}
