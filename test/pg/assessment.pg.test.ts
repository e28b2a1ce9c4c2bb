import { eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeDatabase, closeAppDatabase, openPgAppDatabase, type Db } from '../../src/db/client.js';
import { executeSql } from '../../src/db/dialect.js';
import { copySqliteToPg } from '../../src/db/pg-copy.js';
import { createAssessmentPeriodRepository } from '../../src/db/repositories/assessment-periods.js';
import { createAssessmentRepository, type AssessmentRepository } from '../../src/db/repositories/assessment-repository.js';
import type { AuditActor } from '../../src/db/repositories/assessment-audit.js';
import { ensureDefaultKpiTemplate } from '../../src/db/repositories/kpi-template-repository.js';
import { ensureDefaultSalesChannels } from '../../src/db/repositories/sales-channel-repository.js';
import { lockedPeriodKeysOf } from '../../src/db/repositories/locked-periods.js';
import { createManagerReviewRepository } from '../../src/db/repositories/manager-review-repository.js';
import { satisfactionSurveys, surveyLinks, trainings, users, visits } from '../../src/db/schema/index.js';
import type { Actor } from '../../src/domain/assessment/permissions.js';
import { systemActor } from '../../src/features/actor.js';
import { listAuditLog } from '../../src/features/audit/log.js';
import { checkBackdate } from '../../src/features/records/backdate-guard.js';
import type { RecordWrite } from '../../src/features/records/write-context.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { seedNovember } from '../helpers/assessment.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { createTestDb } from '../helpers/test-app.js';

/**
 * One period's assessment on PostgreSQL through the repository the assessment features use. The org,
 * November's records and the generated assessments (KPI scoring: not yet on PostgreSQL) are made on
 * SQLite and copied across; everything after the period close runs on PostgreSQL: the review, HR's
 * reject and approve, the lock, appeals, the audit log and its filters, reminders and finalisation.
 */
const NOW = Date.parse('2026-12-01T08:00:00+08:00');
const HOUR = 3_600_000;
const settings = { adjustmentBound: 10, appealWindowDays: 3, reviewReminderDays: 2, zone: 'Asia/Shanghai' };
const at = (now: number, userId: number | null = null): AuditActor => ({ userId, source: 'sandbox', now });
const allScope = { kind: 'all' } as const;

/** What the SQLite side showed before the copy: the pg side must read the same. */
interface SqliteView {
  periods: unknown;
  listing: unknown;
  results: unknown;
  doubted: unknown;
  surveys: unknown;
}

async function seedOnSqlite(): Promise<{ path: string; view: SqliteView; cleanup(): void }> {
  const sqlite = createTestDb();
  const org = await importOrg(sqlite.db, readJsonRows(DEMO_ORG_ROWS), { now: NOW - 40 * 24 * HOUR, actorUserId: null, source: 'cli' });
  if (!org.ok) throw new Error(JSON.stringify(org.errors));
  // What the app seeds at its start: the sales channels and the default KPI template.
  await ensureDefaultSalesChannels(sqlite.db, NOW - 40 * 24 * HOUR);
  await ensureDefaultKpiTemplate(sqlite.db, NOW - 40 * 24 * HOUR);
  await seedNovember(sqlite.db);
  await seedManagerReview(sqlite.db);
  const repo = createAssessmentRepository(sqlite.db, settings);
  const generated = await repo.generate('2026-11', at(NOW));
  expect(generated.created).toHaveLength(3);
  const listing = await repo.listByPeriod('2026-11');
  const view: SqliteView = {
    periods: await createAssessmentPeriodRepository(sqlite.db).approved(),
    listing,
    results: await Promise.all(listing.map((a) => repo.resultsOf(a.id))),
    doubted: await createManagerReviewRepository(sqlite.db).doubted(allScope),
    surveys: await createManagerReviewRepository(sqlite.db).surveyAnswers(allScope),
  };
  // The copy reads the file as a deployer's would be: closed, its WAL checkpointed.
  closeDatabase(sqlite.db);
  return { path: join(sqlite.dir, 'test.db'), view, cleanup: () => sqlite.cleanup() };
}

/** A visit and a training flagged 存疑 by HR, and a customer's answer through a survey link. */
async function seedManagerReview(db: Db): Promise<void> {
  const hr = db.select({ id: users.id }).from(users).where(eq(users.employeeNo, 'H001')).get()?.id as number;
  const visitId = db.select({ id: visits.id }).from(visits).limit(1).get()?.id as number;
  db.update(visits).set({ doubtedAt: NOW - 2 * HOUR, doubtedBy: hr, notes: '客户未签到' }).where(eq(visits.id, visitId)).run();
  const rep = await kpiRecords(db, 'S103');
  await rep.training(90, '2026-11-05');
  db.update(trainings).set({ doubtedAt: NOW - HOUR, doubtedBy: hr }).run();
  const customerId = await rep.customer();
  await rep.survey(customerId, 9, '2026-11-20');
  const surveyId = db.select({ id: satisfactionSurveys.id }).from(satisfactionSurveys).where(eq(satisfactionSurveys.customerId, customerId)).get()?.id as number;
  db.insert(surveyLinks).values({ id: 'link-1', customerId, contactName: '李总', repUserId: rep.userId, createdAt: NOW - 48 * HOUR, expiresAt: NOW + 48 * HOUR, answeredAt: NOW - 3 * HOUR, surveyId }).run();
}

describe('assessment on PostgreSQL', () => {
  let seeded: Awaited<ReturnType<typeof seedOnSqlite>>;
  let db: Db;
  let repo: AssessmentRepository;
  const ids: Record<string, number> = {};
  const person = (employeeNo: string, roles: Actor['roles']): Actor => ({ userId: ids[employeeNo] as number, roles });

  beforeAll(async () => {
    seeded = await seedOnSqlite();
    const url = await createPgDatabase(inject('pgClusterUrl'), `assessment_${process.pid}`);
    const report = await copySqliteToPg({ sqlitePath: seeded.path, pgUrl: url });
    expect(report.ok).toBe(true);
    db = await openPgAppDatabase(url, { poolSize: 4 });
    repo = createAssessmentRepository(db, settings);
    for (const u of await db.select({ id: users.id, employeeNo: users.employeeNo }).from(users)) ids[u.employeeNo] = u.id;
  });
  afterAll(async () => {
    if (db) await closeAppDatabase(db);
    seeded?.cleanup();
  });

  const east = async () => (await repo.listByPeriod('2026-11')).find((a) => a.departmentName === '华东一组')!;

  it('reads the copied period as SQLite did: assessments by department, frozen results, manager review lists', async () => {
    const listing = await repo.listByPeriod('2026-11');
    expect(listing).toEqual(seeded.view.listing);
    expect(await Promise.all(listing.map((a) => repo.resultsOf(a.id)))).toEqual(seeded.view.results);
    expect(await createAssessmentPeriodRepository(db).approved()).toEqual(seeded.view.periods);
    const review = createManagerReviewRepository(db);
    const doubted = await review.doubted(allScope);
    expect(doubted).toEqual(seeded.view.doubted);
    expect(doubted.map((d) => [d.kind, d.doubtedByName, typeof d.doubtedAt])).toEqual([
      ['training', '林HR', 'number'],
      ['visit', '林HR', 'number'],
    ]);
    expect(await review.doubted({ kind: 'users', userIds: new Set([ids.S205 as number]) })).toEqual([]);
    const surveys = await review.surveyAnswers(allScope);
    expect(surveys).toEqual(seeded.view.surveys);
    expect(surveys).toMatchObject([{ score: 9, contactName: '李总', repUserId: ids.S103, repName: '赵敏', complaintId: null }]);
  });

  it('review → adjust → submit → HR reject with reason → resubmit → approve; a second approval is refused; all audited', async () => {
    const { id, version } = await east();
    const manager = person('S100', ['manager', 'rep']);
    const hr = person('H001', ['hr']);
    const s101 = ids.S101 as number;

    const adjusted = await repo.transition(id, { type: 'adjust', repUserId: s101, points: 3, reason: '大客户攻坚' }, manager, at(NOW + HOUR, manager.userId));
    expect(adjusted.ok).toBe(true);
    const result = (await repo.resultsOf(id)).find((r) => r.userId === s101)!;
    expect([result.adjustmentCenti, (result.finalCenti ?? 0) - (result.totalCenti ?? 0), result.adjustmentReason]).toEqual([300, 300, '大客户攻坚']);

    expect((await repo.transition(id, { type: 'submit' }, manager, at(NOW + 2 * HOUR, manager.userId))).ok).toBe(true);
    const nonHr = await repo.transition(id, { type: 'approve' }, person('S101', ['rep']), at(NOW + 2 * HOUR, s101));
    expect(nonHr).toMatchObject({ ok: false, problem: { code: 'FORBIDDEN' } });
    const rejected = await repo.transition(id, { type: 'reject', reason: '张三的调整需附客户证明' }, hr, at(NOW + 3 * HOUR, hr.userId));
    expect(rejected).toMatchObject({ ok: true, row: { status: 'in_review', rejectionReason: '张三的调整需附客户证明', decidedByUserId: hr.userId } });

    const resubmitted = await repo.transition(id, { type: 'submit' }, manager, at(NOW + 4 * HOUR, manager.userId));
    expect(resubmitted.ok).toBe(true);
    // The previous round is read back from the audit log's JSON.
    expect(await repo.previousSubmission(id)).toContainEqual({ userId: s101, finalCenti: result.finalCenti, adjustmentCenti: 300, reason: '大客户攻坚' });

    const stale = await repo.transition(id, { type: 'approve' }, hr, at(NOW + 5 * HOUR, hr.userId), version);
    expect(stale).toMatchObject({ ok: false, stale: true });
    const approved = await repo.transition(id, { type: 'approve' }, hr, at(NOW + 5 * HOUR, hr.userId), resubmitted.row!.version);
    expect(approved).toMatchObject({ ok: true, row: { status: 'approved', rejectionReason: null } });
    const again = await repo.transition(id, { type: 'approve' }, person('A001', ['admin', 'hr']), at(NOW + 6 * HOUR, ids.A001 as number));
    expect(again.ok).toBe(false);
    expect((await east()).version).toBe(approved.row!.version);

    const results = await repo.resultsOf(id);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['published']));
    expect(results.every((r) => r.approvedVersion === 1 && (r.windowEndsAt ?? 0) > NOW)).toBe(true);

    const audit = await listAuditLog({ db }, systemActor('admin-api', NOW), { periodKey: '2026-11', entity: 'assessment', entityId: String(id) });
    expect(audit.map((row) => row.action)).toEqual(['assessment.generate', 'assessment.submit', 'assessment.reject', 'assessment.submit', 'assessment.approve']);
    expect(audit[2]?.after).toMatchObject({ status: 'in_review', reason: '张三的调整需附客户证明' });
    const aboutS101 = await listAuditLog({ db }, systemActor('admin-api', NOW), { periodKey: '2026-11', personUserId: s101 });
    expect(aboutS101.map((row) => row.action)).toEqual(['assessment.adjust', 'assessment.result.publish']);
    expect(await listAuditLog({ db }, systemActor('admin-api', NOW), { periodKey: '2026-10' })).toEqual([]);
    // The log is append-only on PostgreSQL too (a trigger); drizzle wraps the driver's error.
    await expect(executeSql(db, sql`UPDATE audit_log SET source = 'h5'`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
  });

  it('the approved period is locked: listed for export, and a record dated into it is refused', async () => {
    const s101 = ids.S101 as number;
    expect(await lockedPeriodKeysOf(db, s101)).toEqual(['2026-11']);
    expect(await lockedPeriodKeysOf(db, ids.S201 as number)).toEqual([]);
    const periods = createAssessmentPeriodRepository(db);
    expect(await periods.approved()).toEqual([{ periodKey: '2026-11', departments: 1, people: 5 }]);
    expect(await periods.approvedSince(NOW)).toEqual(['2026-11']);
    expect(await periods.approvedSince(NOW + 24 * HOUR)).toEqual([]);

    const write = {
      deps: { db, config: { backdateDays: 60, timezone: 'Asia/Shanghai' } },
      actor: { user: { id: s101, roles: ['rep'] } },
      parse: { today: '2026-12-01' },
    } as unknown as RecordWrite;
    await expect(checkBackdate(write, '2026-11-28' as never, {})).rejects.toMatchObject({ problem: { code: 'INVALID_STATE', key: 'records.error.datePeriodLocked' } });
    expect(await checkBackdate(write, '2026-12-01' as never, {})).toBeNull();
  });

  it('two appeals of one result at once: one is recorded, the other told it was already answered', async () => {
    const { id } = await east();
    const results = await repo.resultsOf(id);
    const appeal = (employeeNo: string, reason: string) => {
      const rep = person(employeeNo, ['rep']);
      const resultId = results.find((r) => r.userId === rep.userId)!.id;
      return repo.actOnResult(resultId, { type: 'appeal', reason }, rep, at(NOW + 7 * HOUR, rep.userId));
    };
    const outcomes = await Promise.all([appeal('S102', '拜访次数漏记了两次'), appeal('S102', '第二次提交同一申诉')]);
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    const s102Result = results.find((r) => r.userId === ids.S102)!.id;
    expect((await listAuditLog({ db }, systemActor('admin-api', NOW), { entity: 'assessment_result', entityId: String(s102Result) })).map((r) => r.action)).toEqual([
      'assessment.result.publish',
      'assessment.result.appeal',
    ]);
    const open = await repo.latestAppeal(s102Result);
    expect(open).toMatchObject({ status: 'open', id: outcomes.find((o) => o.ok)!.appealId });

    const resolved = await repo.actOnResult(s102Result, { type: 'resolve-appeal', outcome: 'adjust', points: 2, reason: '补录后加分' }, person('H001', ['hr']), at(NOW + 8 * HOUR, ids.H001 as number));
    expect(resolved).toMatchObject({ ok: true, row: { status: 'appeal_resolved', approvedVersion: 2, adjustmentCenti: 200 } });
    expect(await repo.appeal(open!.id)).toMatchObject({ status: 'resolved', outcome: 'adjust', pointsCenti: 200 });
  });

  it('two HR users approving at once record one decision', async () => {
    const south = (await repo.listByPeriod('2026-11')).find((a) => a.departmentName === '华南二组')!;
    const manager = person('S200', ['manager', 'rep']);
    expect((await repo.transition(south.id, { type: 'submit' }, manager, at(NOW + 9 * HOUR, manager.userId))).ok).toBe(true);
    const decisions = await Promise.all([
      repo.transition(south.id, { type: 'approve' }, person('H001', ['hr']), at(NOW + 10 * HOUR, ids.H001 as number)),
      repo.transition(south.id, { type: 'reject', reason: '请补充说明' }, person('A001', ['admin', 'hr']), at(NOW + 10 * HOUR, ids.A001 as number)),
    ]);
    expect(decisions.filter((d) => d.ok)).toHaveLength(1);
    const audit = await listAuditLog({ db }, systemActor('admin-api', NOW), { entity: 'assessment', entityId: String(south.id) });
    expect(audit.filter((row) => row.action === 'assessment.approve' || row.action === 'assessment.reject')).toHaveLength(1);
  });

  it('reminds an overdue review once, and finalises every result whose window is over, a resolved appeal included', async () => {
    const later = NOW + 30 * 24 * HOUR;
    const overdue = (await repo.listByPeriod('2026-11')).filter((a) => a.status === 'in_review');
    expect((await repo.takeDueReminders(later)).map((a) => a.id).sort()).toEqual(overdue.map((a) => a.id).sort());
    expect(await repo.takeDueReminders(later)).toEqual([]);

    const { id } = await east();
    // 华南二组 is published too if its approval won the race above.
    const period = (await Promise.all((await repo.listByPeriod('2026-11')).map((a) => repo.resultsOf(a.id)))).flat();
    const finalizable = period.filter((r) => ['published', 'acknowledged', 'appeal_resolved'].includes(r.status ?? ''));
    const finalized = await repo.finalizeDue(at(later));
    expect(finalized).toBe(finalizable.length);
    expect(finalized).toBeGreaterThanOrEqual(5);
    expect((await repo.resultsOf(id)).map((r) => r.status).sort()).toEqual(['final', 'final', 'final', 'final', 'final']);
  });
});
