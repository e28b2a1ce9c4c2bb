import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { closeDatabase } from '../../src/db/client.js';
import { closePgDatabase, openPgDatabase, runPgMigrations } from '../../src/db/pg-client.js';
import { copySqliteToPg } from '../../src/db/pg-copy.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { seedDemoActivity } from '../../src/seed/demo-activity.js';
import { seedDemoCustomers } from '../../src/seed/demo-customers.js';
import { seedDemoFinance } from '../../src/seed/demo-finance.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { createTestDb } from '../helpers/test-app.js';

/**
 * The project's own migrations/pg on a real PostgreSQL: the whole schema applies, the audit log is
 * append-only there too, and the demo database copies across with every count and money sum equal.
 */
const NOW = Date.parse('2026-11-27T10:00:00+08:00');
let databases = 0;
const freshDatabase = () => createPgDatabase(inject('pgClusterUrl'), `real_schema_${(databases += 1)}`);

describe('the real schema on PostgreSQL', () => {
  let sqlite: ReturnType<typeof createTestDb>;
  let sqliteTables: string[];
  let sums: { deals: number; payments: number };

  beforeAll(async () => {
    sqlite = createTestDb();
    const org = await importOrg(sqlite.db, readJsonRows(DEMO_ORG_ROWS), { now: NOW, actorUserId: null, source: 'cli' });
    if (!org.ok) throw new Error(JSON.stringify(org.errors));
    await seedDemoCustomers(sqlite.db, NOW);
    await seedDemoActivity(sqlite.db, NOW, 'Asia/Shanghai');
    await seedDemoFinance(sqlite.db, NOW, loadConfig({ NODE_ENV: 'test' }).finance);
    const client = sqlite.db.$client;
    sqliteTables = (client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    sums = {
      deals: (client.prepare('SELECT SUM(amount_fen) AS s FROM deals').get() as { s: number }).s,
      payments: (client.prepare('SELECT SUM(amount_fen) AS s FROM payments').get() as { s: number }).s,
    };
    // The copy reads the file as a deployer's would be: closed, its WAL checkpointed.
    closeDatabase(sqlite.db);
  });
  afterAll(() => rmSync(sqlite.dir, { recursive: true, force: true }));

  it('applies migrations/pg once: the same tables as SQLite, and the audit log refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = openPgDatabase(await freshDatabase(), {});
    try {
      await runPgMigrations(db);
      await runPgMigrations(db); // a second start applies nothing and does not fail
      const { rows } = await db.$client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
      expect(rows.map((r) => r.name)).toEqual(sqliteTables);

      await db.$client.query("INSERT INTO audit_log (at, source, entity, entity_id, action) VALUES (1, 'cli', 'deal', '1', 'create')");
      for (const statement of ["UPDATE audit_log SET source = 'h5'", 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
        await expect(db.$client.query(statement)).rejects.toThrow(/append-only/);
      }
      const kept = await db.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
      expect(kept.rows[0]?.n).toBe(1);
    } finally {
      await closePgDatabase(db);
    }
  });

  it('db copy moves the demo database across: every table, count and money sum equal, ids continue after the copied ones', async () => {
    const url = await freshDatabase();
    const report = await copySqliteToPg({ sqlitePath: join(sqlite.dir, 'test.db'), pgUrl: url });
    expect(report.tables.filter((t) => !t.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.tables.map((t) => t.table).sort()).toEqual(sqliteTables);
    expect(report.rows).toBeGreaterThan(500);

    const db = openPgDatabase(url, {});
    try {
      const money = await db.$client.query<{ deals: number; payments: number }>('SELECT (SELECT SUM(amount_fen) FROM deals)::bigint AS deals, (SELECT SUM(amount_fen) FROM payments)::bigint AS payments');
      expect(money.rows[0]).toEqual(sums);
      expect(sums.deals).toBeGreaterThan(0);
      // The identity sequence was moved past the copied ids: a new row does not collide.
      const before = await db.$client.query<{ id: number }>('SELECT MAX(id)::bigint AS id FROM audit_log');
      const inserted = await db.$client.query<{ id: number }>("INSERT INTO audit_log (at, source, entity, entity_id, action) VALUES (1, 'cli', 'deal', '1', 'create') RETURNING id");
      expect(inserted.rows[0]!.id).toBeGreaterThan(before.rows[0]!.id);
    } finally {
      await closePgDatabase(db);
    }
  });
});
