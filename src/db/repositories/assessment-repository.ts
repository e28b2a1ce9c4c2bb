import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { inTransaction, asyncRepository, type Db } from '../client.js';
import { affected, isPg, queryRows, tablesOf } from '../dialect.js';
import type * as schema from '../schema/index.js';
import { decideAssessment, decideResult, addWorkingDays, type Actor, type AssessmentAction, type Refusal, type ResultAction } from '../../domain/assessment/state-machine.js';
import { finalResult, freezeScorecard, toCenti, type FrozenScorecard } from '../../domain/assessment/frozen-scorecard.js';
import { parsePeriodKey } from '../../domain/period.js';
import { problem } from '../../domain/problem.js';
import { sayAll } from '../../i18n/phrase.js';
import { kpiScorecardQueries } from './kpi-scorecard-repository.js';
import { writeAudit, type AuditActor } from './assessment-audit.js';
import { createAssessmentFacts } from './assessment-facts.js';
import { reviewGroups } from '../../domain/assessment/review-groups.js';
import { stepDetail } from './assessment-rounds.js';

export type AssessmentRow = typeof schema.assessments.$inferSelect;
export type ResultRow = typeof schema.assessmentResults.$inferSelect & { name: string; employeeNo: string; scorecard: FrozenScorecard };
export type AppealRow = typeof schema.assessmentAppeals.$inferSelect;

export interface AssessmentSettings {
  adjustmentBound: number;
  appealWindowDays: number;
  reviewReminderDays: number;
  zone: string;
}

/** What a transition returns: the decision applied, or why not (with the row as it now stands). */
export type TransitionOutcome<R> = { ok: true; row: R } | (Refusal & { row: R | undefined; stale?: boolean });

const DAY_MS = 86_400_000;

/**
 * Assessments persisted. Every transition runs in one transaction: lock and read the row, ask the pure
 * state machine, compare-and-set on (status, version), write the audit row. Two HR users approving at
 * once therefore record one decision; the second is told who decided. SQLite's IMMEDIATE transaction
 * serialises them; on PostgreSQL (READ COMMITTED) the row is read FOR UPDATE, so the second waits for
 * the first to commit and then reads the decision.
 */
export function createAssessmentRepository(db: Db, settings: AssessmentSettings) {
  const { assessmentAppeals, assessmentPostLockAdjustments, assessmentResults, assessments, departments, users } = tablesOf(db);
  // Built at the first generate, the only scoring here: most uses of the repository never score.
  let scoring: ReturnType<typeof kpiScorecardQueries> | undefined;
  const scorecards = () => (scoring ??= kpiScorecardQueries(db));
  const facts = createAssessmentFacts(db);
  const tx = <T>(fn: () => Promise<T>): Promise<T> => inTransaction(db, fn);

  /** PostgreSQL: holds the row to the end of the transaction, so a concurrent transition of it waits. */
  async function lockRow(table: typeof assessments | typeof assessmentResults, id: number): Promise<void> {
    if (isPg(db)) await queryRows(db, sql`SELECT 1 FROM ${table} WHERE ${table.id} = ${id} FOR UPDATE`);
  }

  const get = async (id: number): Promise<AssessmentRow | undefined> => (await db.select().from(assessments).where(eq(assessments.id, id)).limit(1))[0];

  async function resultsOf(assessmentId: number): Promise<ResultRow[]> {
    const rows = await db
      .select({ result: assessmentResults, name: users.name, employeeNo: users.employeeNo })
      .from(assessmentResults)
      .innerJoin(users, eq(users.id, assessmentResults.userId))
      .where(eq(assessmentResults.assessmentId, assessmentId))
      .orderBy(asc(users.employeeNo));
    return rows.map(({ result, name, employeeNo }) => ({ ...result, name, employeeNo, scorecard: result.scorecard as FrozenScorecard }));
  }

  async function result(resultId: number): Promise<ResultRow | undefined> {
    const [row] = await db.select({ assessmentId: assessmentResults.assessmentId }).from(assessmentResults).where(eq(assessmentResults.id, resultId)).limit(1);
    return row ? (await resultsOf(row.assessmentId)).find((r) => r.id === resultId) : undefined;
  }

  const snapshot = (row: AssessmentRow) => ({ periodKey: row.periodKey, departmentId: row.departmentId, status: row.status, version: row.version });

  function resultSnapshot(periodKey: string, r: Pick<ResultRow, 'userId' | 'status' | 'totalCenti' | 'adjustmentCenti' | 'adjustmentReason' | 'finalCenti' | 'finalGrade' | 'approvedVersion'>) {
    return { periodKey, userId: r.userId, status: r.status, totalCenti: r.totalCenti, adjustmentCenti: r.adjustmentCenti, adjustmentReason: r.adjustmentReason, finalCenti: r.finalCenti, finalGrade: r.finalGrade, approvedVersion: r.approvedVersion };
  }

  /** acknowledge / appeal / resolve-appeal / finalize on one rep's result. */
  function actOnResult(resultId: number, action: ResultAction, who: Actor | 'system', actor: AuditActor): Promise<TransitionOutcome<ResultRow> & { appealId?: number }> {
    return tx(async (): Promise<TransitionOutcome<ResultRow> & { appealId?: number }> => {
      await lockRow(assessmentResults, resultId);
      const current = await result(resultId);
      if (!current || current.status === null) return { ok: false, problem: problem('NOT_FOUND', 'assessment.problem.noResult'), row: current };
      const assessment = (await get(current.assessmentId)) as AssessmentRow;
      const decision = decideResult(
        { status: current.status, repUserId: current.userId, managerUserId: assessment.managerUserId, windowEndsAt: current.windowEndsAt ?? 0, adjustmentBound: assessment.adjustmentBound, adjustedSoFar: current.adjustmentCenti / 100 },
        action,
        who,
        actor.now,
      );
      if (!decision.ok) return { ...decision, row: current };
      const change: Partial<typeof schema.assessmentResults.$inferInsert> = { status: decision.to, updatedAt: actor.now };
      let appealId: number | undefined;
      if (action.type === 'appeal') {
        if (action.indicatorKey && !current.scorecard.lines.some((l) => l.indicatorKey === action.indicatorKey)) {
          return { ok: false, problem: problem('VALIDATION_FAILED', 'assessment.problem.notOnScorecard', { indicator: action.indicatorKey }), row: current };
        }
        const [appeal] = await db
          .insert(assessmentAppeals)
          .values({ resultId, reason: action.reason.trim(), indicatorKey: action.indicatorKey ?? null, status: 'open', createdAt: actor.now, updatedAt: actor.now })
          .returning({ id: assessmentAppeals.id });
        appealId = appeal?.id;
      }
      if (action.type === 'resolve-appeal') {
        const [open] = await db.select().from(assessmentAppeals).where(and(eq(assessmentAppeals.resultId, resultId), eq(assessmentAppeals.status, 'open'))).limit(1);
        if (!open) return { ok: false, problem: problem('INVALID_STATE', 'assessment.problem.noOpenAppeal'), row: current };
        appealId = open.id;
        const pointsCenti = action.outcome === 'adjust' ? Math.round(action.points * 100) : null;
        await db
          .update(assessmentAppeals)
          .set({ status: 'resolved', outcome: action.outcome, pointsCenti, resolutionReason: action.reason.trim(), resolvedByUserId: who === 'system' ? null : who.userId, resolvedAt: actor.now, updatedAt: actor.now })
          .where(eq(assessmentAppeals.id, open.id));
        if (pointsCenti !== null) {
          // A new approved version: the manager's adjustment plus the appeal's.
          const final = finalResult(current.totalCenti, current.adjustmentCenti + pointsCenti, current.scorecard);
          Object.assign(change, { adjustmentCenti: current.adjustmentCenti + pointsCenti, finalCenti: final.centi, finalGrade: final.grade, approvedVersion: current.approvedVersion + 1 });
        }
      }
      await db.update(assessmentResults).set(change).where(and(eq(assessmentResults.id, resultId), eq(assessmentResults.status, current.status)));
      const after = (await result(resultId)) as ResultRow;
      const detail = action.type === 'appeal' ? { reason: action.reason.trim(), indicatorKey: action.indicatorKey ?? null } : action.type === 'resolve-appeal' ? { outcome: action.outcome, reason: action.reason.trim() } : {};
      const name = action.type === 'resolve-appeal' ? 'assessment.appeal.resolve' : `assessment.result.${action.type}`;
      await writeAudit(db, actor, name, 'assessment_result', resultId, resultSnapshot(assessment.periodKey, current), { ...resultSnapshot(assessment.periodKey, after), ...detail });
      return { ok: true, row: after, ...(appealId === undefined ? {} : { appealId }) };
    });
  }

  return asyncRepository(db, {
    get,
    ...facts.rounds,
    resultsOf,
    result,

    async listByPeriod(periodKey: string): Promise<(AssessmentRow & { departmentName: string })[]> {
      const rows = await db
        .select({ a: assessments, departmentName: departments.name })
        .from(assessments)
        .innerJoin(departments, eq(departments.id, assessments.departmentId))
        .where(eq(assessments.periodKey, periodKey))
        .orderBy(asc(departments.path));
      return rows.map(({ a, departmentName }) => ({ ...a, departmentName }));
    },

    async departmentName(departmentId: number): Promise<string> {
      return (await db.select({ name: departments.name }).from(departments).where(eq(departments.id, departmentId)).limit(1))[0]?.name ?? '';
    },

    async appeal(appealId: number): Promise<AppealRow | undefined> {
      return (await db.select().from(assessmentAppeals).where(eq(assessmentAppeals.id, appealId)).limit(1))[0];
    },

    /** Post-lock adjustments of earlier periods to settle in this one, for these reps. */
    async postLockCarriedInto(periodKey: string, userIds: number[]) {
      if (userIds.length === 0) return [];
      return await db
        .select({ periodKey: assessmentPostLockAdjustments.periodKey, lockedTotalCenti: assessmentPostLockAdjustments.lockedTotalCenti, recomputedTotalCenti: assessmentPostLockAdjustments.recomputedTotalCenti, name: users.name })
        .from(assessmentPostLockAdjustments)
        .innerJoin(assessmentResults, eq(assessmentResults.id, assessmentPostLockAdjustments.resultId))
        .innerJoin(users, eq(users.id, assessmentResults.userId))
        .where(and(eq(assessmentPostLockAdjustments.applyInPeriodKey, periodKey), inArray(assessmentResults.userId, userIds)))
        .orderBy(asc(assessmentPostLockAdjustments.id));
    },

    async latestAppeal(resultId: number): Promise<AppealRow | undefined> {
      return (await db.select().from(assessmentAppeals).where(eq(assessmentAppeals.resultId, resultId)).orderBy(desc(assessmentAppeals.id)).limit(1))[0];
    },

    /**
     * One assessment per department with active reps (a leader's own result one level up: review-groups.ts),
     * each rep's scorecard frozen as it stands now. Idempotent: an existing one is left alone.
     */
    async generate(periodKey: string, actor: AuditActor): Promise<{ created: AssessmentRow[]; existing: number }> {
      const period = parsePeriodKey(periodKey, settings.zone);
      if (!period || period.type !== 'month') throw new Error(`not a month period: ${periodKey}`);
      const activeIds = new Set((await db.select({ id: users.id }).from(users).where(eq(users.active, true))).map((u) => u.id));
      const scores = await scorecards().scorePeriod(period, { userIds: activeIds });
      const org = new Map((await db.select({ id: departments.id, parentId: departments.parentId, leaderUserId: departments.leaderUserId }).from(departments)).map((d) => [d.id, d]));
      const placed = scores.reps.flatMap((rep) => (rep.departmentId === null ? [] : [{ ...rep, departmentId: rep.departmentId }]));
      const groups = reviewGroups(placed, org);
      return tx(async () => {
        const created: AssessmentRow[] = [];
        let existing = 0;
        for (const { departmentId, managerUserId: leader, userIds } of groups) {
          const reps = placed.filter((rep) => userIds.includes(rep.userId));
          const first = reps[0] as (typeof reps)[number];
          const [row] = await db
            .insert(assessments)
            .values({
              periodKey,
              departmentId,
              managerUserId: leader,
              templateCode: first.templateCode,
              templateVersion: first.templateVersion,
              status: 'in_review',
              version: 1,
              adjustmentBound: settings.adjustmentBound,
              reviewDueAt: actor.now + settings.reviewReminderDays * DAY_MS,
              createdAt: actor.now,
              updatedAt: actor.now,
            })
            .onConflictDoNothing()
            .returning();
          if (!row) {
            existing += 1;
            continue;
          }
          for (const rep of reps) {
            const frozen = freezeScorecard(rep.scorecard, rep.content, sayAll);
            const totalCenti = toCenti(rep.total);
            await db.insert(assessmentResults).values({
                assessmentId: row.id,
                userId: rep.userId,
                templateCode: rep.templateCode,
                templateVersion: rep.templateVersion,
                scorecard: frozen,
                totalCenti,
                grade: rep.scorecard.grade,
                finalCenti: totalCenti,
                finalGrade: rep.scorecard.grade,
              createdAt: actor.now,
              updatedAt: actor.now,
            });
          }
          await writeAudit(db, actor, 'assessment.generate', 'assessment', row.id, null, { ...snapshot(row), reps: reps.map((r) => ({ userId: r.userId, totalCenti: toCenti(r.total), grade: r.scorecard.grade })) });
          created.push(row);
        }
        return { created, existing };
      });
    },

    /** adjust / submit / approve / reject, compare-and-set on the version the card showed (when given). */
    transition(id: number, action: AssessmentAction, who: Actor, actor: AuditActor, expectedVersion?: number): Promise<TransitionOutcome<AssessmentRow>> {
      return tx(async (): Promise<TransitionOutcome<AssessmentRow>> => {
        await lockRow(assessments, id);
        const row = await get(id);
        if (!row) return { ok: false, problem: problem('NOT_FOUND', 'assessment.problem.noAssessment'), row: undefined };
        const decision = decideAssessment({ status: row.status, managerUserId: row.managerUserId, adjustmentBound: row.adjustmentBound, ...(await facts.forAction(id, action)) }, action, who);
        if (!decision.ok) return { ...decision, row };
        if (expectedVersion !== undefined && expectedVersion !== row.version && action.type !== 'adjust') {
          return { ok: false, problem: problem('INVALID_STATE', 'assessment.problem.staleCard'), row, stale: true };
        }
        let adjusted: { before: ResultRow; after: Partial<ResultRow> } | undefined;
        if (action.type === 'adjust') {
          const target = (await resultsOf(id)).find((r) => r.userId === action.repUserId);
          if (!target) return { ok: false, problem: problem('VALIDATION_FAILED', 'assessment.problem.notInAssessment'), row };
          const adjustmentCenti = Math.round(action.points * 100);
          const final = finalResult(target.totalCenti, adjustmentCenti, target.scorecard);
          const change = { adjustmentCenti, adjustmentReason: adjustmentCenti === 0 ? null : action.reason.trim(), finalCenti: final.centi, finalGrade: final.grade, updatedAt: actor.now };
          await db.update(assessmentResults).set(change).where(eq(assessmentResults.id, target.id));
          adjusted = { before: target, after: change };
        }
        const [updated] = await db
          .update(assessments)
          .set({
            status: decision.to,
            version: row.version + 1,
            updatedAt: actor.now,
            ...(action.type === 'submit' ? { submittedAt: actor.now } : {}),
            ...(action.type === 'approve' || action.type === 'reject' || action.type === 'send-back' ? { decidedAt: actor.now, decidedByUserId: who.userId } : {}),
            ...(action.type === 'reject' || action.type === 'send-back' ? { rejectionReason: action.reason.trim() } : {}),
            ...(action.type === 'approve' ? { rejectionReason: null } : {}),
          })
          .where(and(eq(assessments.id, id), eq(assessments.status, row.status), eq(assessments.version, row.version)))
          .returning();
        // The row is locked (IMMEDIATE / FOR UPDATE), so nothing changes it meanwhile; the guard keeps it a compare-and-set regardless.
        if (!updated) return { ok: false, problem: problem('INVALID_STATE', 'assessment.problem.decidedMeanwhile'), row: await get(id), stale: true };
        if (adjusted) {
          await writeAudit(db, actor, 'assessment.adjust', 'assessment_result', adjusted.before.id, resultSnapshot(row.periodKey, adjusted.before), resultSnapshot(row.periodKey, { ...adjusted.before, ...adjusted.after }));
        } else {
          const extra = stepDetail(action, await resultsOf(id));
          await writeAudit(db, actor, `assessment.${action.type}`, 'assessment', id, snapshot(row), { ...snapshot(updated), ...extra });
        }
        if (action.type === 'approve') {
          const windowEndsAt = addWorkingDays(actor.now, settings.appealWindowDays, settings.zone);
          for (const r of await resultsOf(id)) {
            await db.update(assessmentResults).set({ status: 'published', approvedVersion: 1, windowEndsAt, updatedAt: actor.now }).where(eq(assessmentResults.id, r.id));
            await writeAudit(db, actor, 'assessment.result.publish', 'assessment_result', r.id, resultSnapshot(row.periodKey, r), resultSnapshot(row.periodKey, { ...r, status: 'published', approvedVersion: 1 }));
          }
        }
        return { ok: true, row: updated };
      });
    },

    actOnResult,

    /** Results whose window is over become final (run by the daily job). */
    async finalizeDue(actor: AuditActor): Promise<number> {
      const due = await db
        .select({ id: assessmentResults.id })
        .from(assessmentResults)
        .where(and(inArray(assessmentResults.status, ['published', 'acknowledged', 'appeal_resolved']), lte(assessmentResults.windowEndsAt, actor.now)));
      let finalized = 0;
      for (const { id } of due) if ((await actOnResult(id, { type: 'finalize' }, 'system', actor)).ok) finalized += 1;
      return finalized;
    },

    /** Reviews past their due time and not yet reminded; marks them reminded (once). */
    takeDueReminders(now: number): Promise<AssessmentRow[]> {
      return tx(async () => {
        const due = await db.select().from(assessments).where(and(eq(assessments.status, 'in_review'), lte(assessments.reviewDueAt, now), isNull(assessments.remindedAt)));
        const taken: AssessmentRow[] = [];
        // Marked only if still unmarked: on PostgreSQL another instance may have taken it since the read.
        for (const row of due) if (affected(await db.update(assessments).set({ remindedAt: now }).where(and(eq(assessments.id, row.id), isNull(assessments.remindedAt)))) === 1) taken.push(row);
        return taken;
      });
    },
  });
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
