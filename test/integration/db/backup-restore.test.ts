import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { backupDatabase, DatabaseInUseError, restoreDatabase } from '../../../src/db/backup.js';
import { closeDatabase, inTransaction, openDatabase, runMigrations } from '../../../src/db/client.js';
import { visits } from '../../../src/db/schema/index.js';
import { seedCustomer } from '../../helpers/records.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

const NOW = Date.parse('2026-11-27T10:00:00+08:00');

describe('backup and restore without the sqlite3 CLI', () => {
  let t: TestApp | undefined;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-backup-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while visits are being typed, restores into a new folder, and the service started there finds every row', async () => {
    t = await createTestApp({ now: '2026-11-27T10:00:00+08:00' });
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    const chat = sandboxChat(t.app, 'S101');
    for (let i = 1; i <= 5; i += 1) await chat.say(`拜访 华为 第${i}次 面谈`);
    const file = join(tempDir(), 'online.db');

    // The backup starts between writes and more visits are typed while it runs.
    const backup = backupDatabase(t.db, file);
    const during = Array.from({ length: 5 }, (_, i) => chat.say(`拜访 华为 第${i + 6}次 电话`));
    const { pages } = await backup;
    await Promise.all(during);
    expect(pages).toBeGreaterThan(0);
    const written = t.db.select().from(visits).all();
    expect(written).toHaveLength(10);

    const target = join(tempDir(), 'restored', 'sales-kpi.db');
    restoreDatabase(file, target);
    const db = openDatabase(target);
    runMigrations(db);
    const config = loadConfig({ NODE_ENV: 'test', ADMIN_TOKEN: TEST_ADMIN_TOKEN, DATABASE_PATH: target, SANDBOX_ENABLED: 'true' });
    const restoredApp = await buildApp({ config, db, logger: pino({ level: 'silent' }), clock: () => NOW });
    try {
      const restored = db.select().from(visits).all();
      // Every visit committed before the backup took its snapshot, whole; none torn, none invented.
      expect(restored.length).toBeGreaterThanOrEqual(5);
      expect(restored).toEqual(written.slice(0, restored.length));
      const web = await devLogin(restoredApp, 'S101');
      const listed = (await web.get('/api/visits')).json() as { visits: { id: number }[] };
      expect(listed.visits.map((v) => v.id).sort((a, b) => a - b)).toEqual(restored.map((v) => v.id));
    } finally {
      await restoredApp.close();
      closeDatabase(db);
    }
  });

  it('a backup asked for while a transaction is open waits for its commit (SQLite would copy nothing mid-transaction)', async () => {
    t = await createTestApp();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const transaction = inTransaction(t.db, async () => {
      t!.db.$client.exec('CREATE TABLE written_in_transaction (x)');
      await gate;
    });
    const file = join(tempDir(), 'mid.db');
    const backup = backupDatabase(t.db, file);
    open();
    await transaction;
    expect((await backup).pages).toBeGreaterThan(0);
    const copy = openDatabase(file);
    try {
      expect(copy.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'written_in_transaction'").get()).toEqual({ n: 1 });
    } finally {
      closeDatabase(copy);
    }
  });

  it('refuses to restore while another connection has the database open, and restores once it is closed', async () => {
    t = await createTestApp();
    const dir = tempDir();
    const file = join(dir, 'backup.db');
    await backupDatabase(t.db, file);
    const live = join(dir, 'live.db');
    const service = openDatabase(live);
    service.$client.exec('CREATE TABLE marker (x)');
    expect(() => restoreDatabase(file, live)).toThrow(DatabaseInUseError);
    // Nothing was put in place: the open database is still its own.
    expect(service.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'marker'").get()).toEqual({ n: 1 });
    expect(readdirSync(dir).filter((name) => name.includes('.restoring'))).toEqual([]);

    closeDatabase(service);
    restoreDatabase(file, live);
    const restored = openDatabase(live);
    try {
      expect(restored.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'marker'").get()).toEqual({ n: 0 });
      expect(restored.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'visits'").get()).toEqual({ n: 1 });
    } finally {
      closeDatabase(restored);
    }
  });

  it('refuses a file that is not a SQLite database and leaves the target alone', async () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database, just text that is long enough to have a header of sorts');
    expect(() => restoreDatabase(junk, join(dir, 'target.db'))).toThrow();
    expect(existsSync(join(dir, 'target.db'))).toBe(false);
  });

  it('the backup job writes one file per day into BACKUP_DIR and keeps the BACKUP_KEEP newest', async () => {
    const dir = tempDir();
    t = await createTestApp({ env: { BACKUP_DIR: dir, BACKUP_KEEP: '2' } });
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27']) {
      const outcome = await t.app.jobs.run('backup', { trigger: 'cli', periodKey: day });
      expect(outcome.status).toBe('succeeded');
    }
    expect(readdirSync(dir).sort()).toEqual(['sales-kpi-2026-11-26.db', 'sales-kpi-2026-11-27.db']);
  });
});
