import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, runMigrations, type Db } from '../../src/db/client.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  dir: string;
  /** Moves the fixed clock. */
  clock: { now: number; set(iso: string): void; advance(ms: number): void };
  close(): Promise<void>;
}

/** A fresh temporary database with the real migrations. */
export function createTestDb(): { db: Db; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'skb-test-'));
  const db = openDatabase(join(dir, 'test.db'));
  runMigrations(db);
  return {
    db,
    dir,
    cleanup() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated PostgreSQL database in the run's throwaway cluster, with a temp folder for files. */
async function createPgTestDb(): Promise<{ db: Db; dir: string; cleanup(): Promise<void> }> {
  const { openFreshPgDb } = await import('../pg/app-db.js');
  const dir = mkdtempSync(join(tmpdir(), 'skb-test-'));
  const pg = await openFreshPgDb('app');
  return {
    db: pg.db,
    dir,
    async cleanup() {
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app on a temp database with a fixed clock (default 2026-11-27 10:00 Asia/Shanghai), seeded with the demo org. */
/** `webBundleDir`: where the H5 pages are served from (default: the built dist/web, when there is one; null: none built). */
export async function createTestApp(options: { env?: Record<string, string>; now?: string; seedDemoOrg?: boolean; webBundleDir?: string | null } = {}): Promise<TestApp> {
  // The pg-integration project (vitest.config.ts) runs the same suites on a fresh PostgreSQL database.
  const { db, dir, cleanup }: { db: Db; dir: string; cleanup(): void | Promise<void> } = process.env.TEST_DATABASE === 'pg' ? await createPgTestDb() : createTestDb();
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_TOKEN: TEST_ADMIN_TOKEN, DATABASE_PATH: join(dir, 'test.db'), SANDBOX_ENABLED: 'true', ...options.env });
  const clock = {
    now: Date.parse(options.now ?? '2026-11-27T10:00:00+08:00'),
    set(iso: string) {
      this.now = Date.parse(iso);
    },
    advance(ms: number) {
      this.now += ms;
    },
  };
  if (options.seedDemoOrg !== false) {
    const result = await importOrg(db, readJsonRows(DEMO_ORG_ROWS), { now: clock.now, actorUserId: null, source: 'cli' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  }
  const app = await buildApp({ config, db, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), clock: () => clock.now, ...(options.webBundleDir !== undefined ? { webBundleDir: options.webBundleDir } : {}) });
  return {
    app,
    db,
    config,
    dir,
    clock,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}
