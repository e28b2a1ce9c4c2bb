import { join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { closeAppDatabase, closeDatabase, openDatabase, openPgAppDatabase, type Db } from '../../src/db/client.js';
import { copySqliteToPg } from '../../src/db/pg-copy.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { importOrg } from '../../src/features/org/import.js';
import { seedDemoActivity } from '../../src/seed/demo-activity.js';
import { seedDemoCustomers } from '../../src/seed/demo-customers.js';
import { seedDemoFinance } from '../../src/seed/demo-finance.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { createTestDb } from '../helpers/test-app.js';

export const NOW = Date.parse('2026-11-27T10:00:00+08:00');
export const TODAY = '2026-11-27';

/** Ids the comparisons and round trips use. */
export interface SeededIds {
  reps: number[];
  inactiveRep: number;
  departmentId: number;
  acmeCustomerId: number;
  /** Results of an approved October assessment (first rep's, then second's), for frozen pay previews. */
  resultIds: [number, number];
}

/**
 * What the demo seed lacks for these reads: open deals (with and without a stage change, one of a rep
 * who left), complaints, overdue and answered next steps, tags, an alias, a name in Latin letters for a
 * case-insensitive search, and a KPI template for pay rules. Written with SQL so no repository under
 * conversion is needed.
 */
function addExtras(db: Db): SeededIds {
  const client = db.$client;
  const reps = (client.prepare("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'rep' WHERE u.active = 1 ORDER BY u.id").all() as { id: number }[]).map((r) => r.id);
  const [first, second, third] = reps as [number, number, number];
  const departmentId = (client.prepare('SELECT department_id AS d FROM users WHERE id = ?').get(first) as { d: number }).d;
  const customerOf = (rep: number) => (client.prepare('SELECT id FROM customers WHERE owner_user_id = ? ORDER BY id LIMIT 1').get(rep) as { id: number }).id;
  const at = NOW - 5 * 86_400_000;

  const acme = client
    .prepare("INSERT INTO customers (name, normalized_name, tags, owner_user_id, source, created_at, updated_at) VALUES ('Acme 科技', 'acme科技', '[\"重点\",\"华东\"]', ?, 'cli', ?, ?)")
    .run(first, at, NOW).lastInsertRowid as number;
  client.prepare("INSERT INTO customer_aliases (customer_id, alias, normalized_alias, created_at) VALUES (?, 'ACME Tech', 'acmetech', ?)").run(acme, at);

  const deal = client.prepare("INSERT INTO deals (customer_id, rep_user_id, title, amount_fen, stage, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'cli', ?, ?)");
  const history = client.prepare("INSERT INTO deal_stage_history (deal_id, from_stage, to_stage, changed_on, changed_at) VALUES (?, ?, ?, ?, ?)");
  const moved = deal.run(acme, first, 'Acme 扩容', 12_345_600, 'proposal', at, NOW).lastInsertRowid as number;
  history.run(moved, null, 'lead', '2026-11-22', at);
  history.run(moved, 'lead', 'proposal', '2026-11-25', NOW - 2 * 86_400_000);
  deal.run(customerOf(second), second, '试点项目', 5_000_000, 'lead', at + 1, NOW);
  deal.run(customerOf(third), third, null, 80_000_000, 'negotiation', at + 2, NOW);

  const inactiveRep = reps.at(-1) as number;
  deal.run(customerOf(inactiveRep), inactiveRep, '离职前的单', 1_000_000, 'qualified', at, NOW);
  client.prepare('UPDATE users SET active = 0, left_on = ? WHERE id = ?').run('2026-11-20', inactiveRep);

  const complaint = client.prepare("INSERT INTO complaints (customer_id, rep_user_id, content, received_on, received_at, responded_at, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'cli', ?, ?)");
  complaint.run(acme, first, '交付延迟', '2026-11-24', at, null, at, at);
  complaint.run(customerOf(second), second, '发票错误', '2026-11-26', NOW - 86_400_000, null, at, at);
  complaint.run(customerOf(third), third, '已回复', '2026-11-23', at, NOW - 86_400_000, at, at);

  const visit = client.prepare("INSERT INTO visits (rep_user_id, customer_id, visit_date, kind, notes, next_step, next_step_due, source, created_at, updated_at) VALUES (?, ?, ?, 'onsite', ?, ?, ?, 'cli', ?, ?)");
  visit.run(first, acme, '2026-11-27', 'ACME kickoff', '发送报价', '2026-11-25', NOW, NOW);
  const rescheduled = visit.run(second, customerOf(second), '2026-11-27', '复访', '安排演示', '2026-11-20', NOW, NOW).lastInsertRowid as number;
  client.prepare("INSERT INTO next_steps (visit_id, status, due_date, updated_at) VALUES (?, 'open', '2026-11-26', ?)").run(rescheduled, NOW);
  const done = visit.run(third, customerOf(third), '2026-11-27', '复访', '签合同', '2026-11-21', NOW, NOW).lastInsertRowid as number;
  client.prepare("INSERT INTO next_steps (visit_id, status, due_date, updated_at) VALUES (?, 'done', '2026-11-21', ?)").run(done, NOW);

  const assessment = client
    .prepare("INSERT INTO assessments (period_key, department_id, template_code, template_version, status, adjustment_bound, review_due_at, created_at, updated_at) VALUES ('2026-10', ?, 'sales-monthly', 1, 'approved', 10, ?, ?, ?)")
    .run(departmentId, at, at, at).lastInsertRowid as number;
  const result = client.prepare("INSERT INTO assessment_results (assessment_id, user_id, template_code, template_version, scorecard, created_at, updated_at) VALUES (?, ?, 'sales-monthly', 1, '{}', ?, ?)");
  const resultIds: [number, number] = [result.run(assessment, first, at, at).lastInsertRowid as number, result.run(assessment, second, at, at).lastInsertRowid as number];

  client.prepare("INSERT INTO kpi_templates (code, name, period_type, created_at, updated_at) VALUES ('sales-monthly', '销售月度', 'month', ?, ?)").run(at, at);
  return { reps: reps.filter((id) => id !== inactiveRep), inactiveRep, departmentId, acmeCustomerId: acme, resultIds };
}

/** The demo database with the extras on SQLite, and a copy of it on PostgreSQL. */
export async function seedBothDatabases(label: string): Promise<{ sqlite: Db; pg: Db; ids: SeededIds; close(): Promise<void> }> {
  const seeded = createTestDb();
  const org = await importOrg(seeded.db, readJsonRows(DEMO_ORG_ROWS), { now: NOW, actorUserId: null, source: 'cli' });
  if (!org.ok) throw new Error(JSON.stringify(org.errors));
  await seedDemoCustomers(seeded.db, NOW);
  await seedDemoActivity(seeded.db, NOW, 'Asia/Shanghai');
  await seedDemoFinance(seeded.db, NOW, loadConfig({ NODE_ENV: 'test' }).finance);
  const ids = addExtras(seeded.db);
  // The copy reads the file closed, its WAL checkpointed, as a deployer's would be.
  closeDatabase(seeded.db);
  const path = join(seeded.dir, 'test.db');
  const url = await createPgDatabase(inject('pgClusterUrl'), `${label}_${process.pid}`);
  const report = await copySqliteToPg({ sqlitePath: path, pgUrl: url });
  if (!report.ok) throw new Error(`copy failed: ${JSON.stringify(report.tables.filter((t) => !t.ok))}`);
  const sqlite = openDatabase(path);
  const pg = await openPgAppDatabase(url, { poolSize: 4 });
  return {
    sqlite,
    pg,
    ids,
    async close() {
      await closeAppDatabase(pg);
      closeDatabase(sqlite);
      seeded.cleanup();
    },
  };
}
