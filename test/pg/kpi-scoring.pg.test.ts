import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { closeAppDatabase, closeDatabase, openDatabase, openPgAppDatabase, type Db } from '../../src/db/client.js';
import { copySqliteToPg } from '../../src/db/pg-copy.js';
import { completenessQueries, ensureDefaultRequiredFields } from '../../src/db/repositories/completeness-repository.js';
import { createKpiMeasuresRepository } from '../../src/db/repositories/kpi-measures-repository.js';
import { createKpiScorecardRepository } from '../../src/db/repositories/kpi-scorecard-repository.js';
import { createKpiTemplateRepository, ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { DEFAULT_SALES_TEMPLATE } from '../../src/domain/kpi/default-template.js';
import { parsePeriodKey, type Period } from '../../src/domain/period.js';
import type { Actor } from '../../src/features/actor.js';
import type { AppDeps } from '../../src/features/deps.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { kpiScorecard, orgScorecards } from '../../src/features/kpi/scorecards.js';
import { importOrg } from '../../src/features/org/import.js';
import { seedDemoActivity } from '../../src/seed/demo-activity.js';
import { seedDemoCustomers } from '../../src/seed/demo-customers.js';
import { seedDemoFinance } from '../../src/seed/demo-finance.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { createTestDb } from '../helpers/test-app.js';

/**
 * The KPI engine on PostgreSQL: the demo database (org, customers, a season of activity, finance) seeded
 * on SQLite and copied into pg, then the same periods scored on both through the KPI features. Every
 * measure, scorecard line, score and ranking must be identical: the pg spellings of the measures SQL
 * (the engine's raw statements) answer exactly as the SQLite ones.
 */
const NOW = Date.parse('2026-11-27T10:00:00+08:00');
const ZONE = 'Asia/Shanghai';
const PERIODS = ['2026-11', '2026-10', '2026-W48', '2026-Q4'];

const period = (key: string): Period => parsePeriodKey(key, ZONE)!;
const depsOf = (db: Db) => ({ db }) as unknown as AppDeps;

describe('KPI scoring on PostgreSQL and SQLite', () => {
  let dir: string;
  let sqlite: Db;
  let pg: Db;

  beforeAll(async () => {
    const seeded = createTestDb();
    dir = seeded.dir;
    const org = await importOrg(seeded.db, readJsonRows(DEMO_ORG_ROWS), { now: NOW, actorUserId: null, source: 'cli' });
    if (!org.ok) throw new Error(JSON.stringify(org.errors));
    await ensureDefaultRequiredFields(seeded.db, NOW);
    await ensureDefaultKpiTemplate(seeded.db, NOW);
    await seedDemoCustomers(seeded.db, NOW);
    await seedDemoActivity(seeded.db, NOW, ZONE);
    await seedDemoFinance(seeded.db, NOW, loadConfig({ NODE_ENV: 'test' }).finance);
    closeDatabase(seeded.db);
    const url = await createPgDatabase(inject('pgClusterUrl'), `kpi_scoring_${process.pid}`);
    const copy = await copySqliteToPg({ sqlitePath: join(dir, 'test.db'), pgUrl: url });
    if (!copy.ok) throw new Error(JSON.stringify(copy.tables.filter((t) => !t.ok)));
    sqlite = openDatabase(join(dir, 'test.db'));
    pg = await openPgAppDatabase(url, { poolSize: 4 });
  }, 120_000);

  afterAll(async () => {
    await closeAppDatabase(pg);
    closeDatabase(sqlite);
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures every rep the same: visits, deals, money, surveys, complaints, training, new customers, completeness', async () => {
    for (const key of PERIODS) {
      const onSqlite = await createKpiMeasuresRepository(sqlite).measuresForPeriod(period(key));
      const onPg = await createKpiMeasuresRepository(pg).measuresForPeriod(period(key));
      expect(onPg, key).toEqual(onSqlite);
    }
    // The demo month has something in each kind of measure, so an arm read wrong on pg shows.
    const november = [...(await createKpiMeasuresRepository(pg).measuresForPeriod(period('2026-11'))).values()];
    const total = (pick: (m: (typeof november)[number]) => number) => november.reduce((sum, m) => sum + pick(m), 0);
    expect(total((m) => m.visits)).toBeGreaterThan(0);
    expect(total((m) => m.customersVisited)).toBeGreaterThan(0);
    expect(total((m) => m.revenueWonFen)).toBeGreaterThan(0);
    expect(total((m) => m.paymentsFen)).toBeGreaterThan(0);
    expect(total((m) => m.newCustomers)).toBeGreaterThan(0);
    expect(total((m) => m.completenessRequired)).toBeGreaterThan(0);
    expect(november.every((m) => typeof m.revenueWonFen === 'number' && typeof m.paymentsFen === 'number')).toBe(true);
  });

  it('scores and ranks the org identically, period by period', async () => {
    for (const key of PERIODS) {
      const onSqlite = await orgScorecards(depsOf(sqlite), period(key));
      const onPg = await orgScorecards(depsOf(pg), period(key));
      expect(onPg.scores, key).toEqual(onSqlite.scores);
      expect(onPg.ranking, key).toEqual(onSqlite.ranking);
    }
    const { scores } = await orgScorecards(depsOf(pg), period('2026-11'));
    expect(scores.reps.length).toBeGreaterThan(3);
    expect(scores.reps.filter((r) => r.hasData).length).toBeGreaterThan(3);
    expect(new Set(scores.reps.map((r) => r.total)).size).toBeGreaterThan(1);
  });

  it("one rep's card and a progress line's single indicator read the same on both", async () => {
    const { scores } = await orgScorecards(depsOf(pg), period('2026-11'));
    for (const rep of scores.reps.filter((r) => r.hasData)) {
      const actor = { user: { id: rep.userId } } as unknown as Actor;
      const onPg = await kpiScorecard(depsOf(pg), actor, period('2026-11'));
      expect(onPg).toEqual(await kpiScorecard(depsOf(sqlite), actor, period('2026-11')));
      expect(onPg?.total).toEqual(rep.total);
      const line = async (db: Db) => (await createKpiScorecardRepository(db).scorePeriod(period('2026-11'), { userIds: new Set([rep.userId]), indicators: ['visits'] })).reps[0]?.scorecard.lines.find((l) => l.indicator.key === 'visits');
      const visits = await line(pg);
      expect(visits?.actual).not.toBeNull();
      expect(visits).toEqual(await line(sqlite));
    }
  });

  it('a template created and assigned to a department on pg scores that department as it does on SQLite', async () => {
    const ctx = { now: NOW, zone: ZONE, actorUserId: null, source: 'cli' };
    const { scores } = await orgScorecards(depsOf(pg), period('2026-11'));
    const departmentId = scores.reps.find((r) => r.departmentId !== null)!.departmentId!;
    const content = { ...DEFAULT_SALES_TEMPLATE, name: '华东团队', lines: DEFAULT_SALES_TEMPLATE.lines.map((l) => (l.indicator === 'visits' && l.target !== undefined ? { ...l, target: l.target * 2 } : l)) };
    for (const db of [sqlite, pg]) {
      const templates = createKpiTemplateRepository(db);
      await templates.create('east-team', content, ctx, '2026-11-01');
      await templates.assign('east-team', { departmentId }, ctx, '2026-11-01');
    }
    expect(await createKpiTemplateRepository(pg).get('east-team')).toEqual(await createKpiTemplateRepository(sqlite).get('east-team'));
    const onPg = await orgScorecards(depsOf(pg), period('2026-11'));
    expect(onPg.scores).toEqual((await orgScorecards(depsOf(sqlite), period('2026-11'))).scores);
    const team = onPg.scores.reps.filter((r) => r.departmentId === departmentId);
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((r) => r.templateCode === 'east-team')).toBe(true);
    expect(onPg.scores.reps.some((r) => r.templateCode === 'sales-monthly')).toBe(true);
  });

  it('completeness: the required fields and the records created in a period read the same', async () => {
    expect(await completenessQueries(pg).requiredFields()).toEqual(await completenessQueries(sqlite).requiredFields());
    const november = period('2026-11');
    const onPg = await completenessQueries(pg).recordsCreatedIn(november);
    expect(onPg).toEqual(await completenessQueries(sqlite).recordsCreatedIn(november));
    expect(onPg.size).toBeGreaterThan(0);
  });
});
