import { and, asc, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { inSyncImmediateTransaction, asyncRepository, type Db } from '../client.js';
import { assessmentAppeals, assessmentPostLockAdjustments, assessmentResults, assessments, departments, users } from '../schema/index.js';
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

export type AssessmentRow = typeof assessments.$inferSelect;
export type ResultRow = typeof assessmentResults.$inferSelect & { name: string; employeeNo: string; scorecard: FrozenScorecard };
export type AppealRow = typeof assessmentAppeals.$inferSelect;

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
 * Assessments persisted. Every transition runs in one synchronous IMMEDIATE transaction: read the
 * row, ask the pure state machine, compare-and-set on (status, version), write the audit row. Two HR
 * users approving at once therefore record one decision; the second is told who decided.
 */
export function createAssessmentRepository(db: Db, settings: AssessmentSettings) {
  const scorecards = kpiScorecardQueries(db);
  const facts = createAssessmentFacts(db);
  const tx = <T>(fn: () => T): T => inSyncImmediateTransaction(db, fn);

  const get = (id: number): AssessmentRow | undefined => db.select().from(assessments).where(eq(assessments.id, id)).get();

  function resultsOf(assessmentId: number): ResultRow[] {
    return db
      .select({ result: assessmentResults, name: users.name, employeeNo: users.employeeNo })
      .from(assessmentResults)
      .innerJoin(users, eq(users.id, assessmentResults.userId))
      .where(eq(assessmentResults.assessmentId, assessmentId))
      .orderBy(asc(users.employeeNo))
      .all()
      .map(({ result, name, employeeNo }) => ({ ...result, name, employeeNo, scorecard: result.scorecard as FrozenScorecard }));
  }

  function result(resultId: number): ResultRow | undefined {
    const row = db.select({ assessmentId: assessmentResults.assessmentId }).from(assessmentResults).where(eq(assessmentResults.id, resultId)).get();
    return row ? resultsOf(row.assessmentId).find((r) => r.id === resultId) : undefined;
  }

  const snapshot = (row: AssessmentRow) => ({ periodKey: row.periodKey, departmentId: row.departmentId, status: row.status, version: row.version });

  function resultSnapshot(periodKey: string, r: Pick<ResultRow, 'userId' | 'status' | 'totalCenti' | 'adjustmentCenti' | 'adjustmentReason' | 'finalCenti' | 'finalGrade' | 'approvedVersion'>) {
    return { periodKey, userId: r.userId, status: r.status, totalCenti: r.totalCenti, adjustmentCenti: r.adjustmentCenti, adjustmentReason: r.adjustmentReason, finalCenti: r.finalCenti, finalGrade: r.finalGrade, approvedVersion: r.approvedVersion };
  }

  /** acknowledge / appeal / resolve-appeal / finalize on one rep's result. */
  function actOnResult(resultId: number, action: ResultAction, who: Actor | 'system', actor: AuditActor): TransitionOutcome<ResultRow> & { appealId?: number } {
    return tx(() => {
      const current = result(resultId);
      if (!current || current.status === null) return { ok: false, problem: problem('NOT_FOUND', 'assessment.problem.noResult'), row: current };
      const assessment = get(current.assessmentId) as AssessmentRow;
      const decision = decideResult(
        { status: current.status, repUserId: current.userId, managerUserId: assessment.managerUserId, windowEndsAt: current.windowEndsAt ?? 0, adjustmentBound: assessment.adjustmentBound, adjustedSoFar: current.adjustmentCenti / 100 },
        action,
        who,
        actor.now,
      );
      if (!decision.ok) return { ...decision, row: current };
      const change: Partial<typeof assessmentResults.$inferInsert> = { status: decision.to, updatedAt: actor.now };
      let appealId: number | undefined;
      if (action.type === 'appeal') {
        if (action.indicatorKey && !current.scorecard.lines.some((l) => l.indicatorKey === action.indicatorKey)) {
          return { ok: false, problem: problem('VALIDATION_FAILED', 'assessment.problem.notOnScorecard', { indicator: action.indicatorKey }), row: current };
        }
        appealId = db
          .insert(assessmentAppeals)
          .values({ resultId, reason: action.reason.trim(), indicatorKey: action.indicatorKey ?? null, status: 'open', createdAt: actor.now, updatedAt: actor.now })
          .returning({ id: assessmentAppeals.id })
          .get().id;
      }
      if (action.type === 'resolve-appeal') {
        const open = db.select().from(assessmentAppeals).where(and(eq(assessmentAppeals.resultId, resultId), eq(assessmentAppeals.status, 'open'))).get();
        if (!open) return { ok: false, problem: problem('INVALID_STATE', 'assessment.problem.noOpenAppeal'), row: current };
        appealId = open.id;
        const pointsCenti = action.outcome === 'adjust' ? Math.round(action.points * 100) : null;
        db.update(assessmentAppeals)
          .set({ status: 'resolved', outcome: action.outcome, pointsCenti, resolutionReason: action.reason.trim(), resolvedByUserId: who === 'system' ? null : who.userId, resolvedAt: actor.now, updatedAt: actor.now })
          .where(eq(assessmentAppeals.id, open.id))
          .run();
        if (pointsCenti !== null) {
          // A new approved version: the manager's adjustment plus the appeal's.
          const final = finalResult(current.totalCenti, current.adjustmentCenti + pointsCenti, current.scorecard);
          Object.assign(change, { adjustmentCenti: current.adjustmentCenti + pointsCenti, finalCenti: final.centi, finalGrade: final.grade, approvedVersion: current.approvedVersion + 1 });
        }
      }
      db.update(assessmentResults).set(change).where(and(eq(assessmentResults.id, resultId), eq(assessmentResults.status, current.status))).run();
      const after = result(resultId) as ResultRow;
      const detail = action.type === 'appeal' ? { reason: action.reason.trim(), indicatorKey: action.indicatorKey ?? null } : action.type === 'resolve-appeal' ? { outcome: action.outcome, reason: action.reason.trim() } : {};
      const name = action.type === 'resolve-appeal' ? 'assessment.appeal.resolve' : `assessment.result.${action.type}`;
      writeAudit(db, actor, name, 'assessment_result', resultId, resultSnapshot(assessment.periodKey, current), { ...resultSnapshot(assessment.periodKey, after), ...detail });
      return { ok: true, row: after, ...(appealId === undefined ? {} : { appealId }) };
    });
  }

  return asyncRepository(db, {
    get,
    ...facts.rounds,
    resultsOf,
    result,

    listByPeriod(periodKey: string): (AssessmentRow & { departmentName: string })[] {
      return db
        .select({ a: assessments, departmentName: departments.name })
        .from(assessments)
        .innerJoin(departments, eq(departments.id, assessments.departmentId))
        .where(eq(assessments.periodKey, periodKey))
        .orderBy(asc(departments.path))
        .all()
        .map(({ a, departmentName }) => ({ ...a, departmentName }));
    },

    departmentName(departmentId: number): string {
      return db.select({ name: departments.name }).from(departments).where(eq(departments.id, departmentId)).get()?.name ?? '';
    },

    appeal(appealId: number): AppealRow | undefined {
      return db.select().from(assessmentAppeals).where(eq(assessmentAppeals.id, appealId)).get();
    },

    /** Post-lock adjustments of earlier periods to settle in this one, for these reps. */
    postLockCarriedInto(periodKey: string, userIds: number[]) {
      if (userIds.length === 0) return [];
      return db
        .select({ periodKey: assessmentPostLockAdjustments.periodKey, lockedTotalCenti: assessmentPostLockAdjustments.lockedTotalCenti, recomputedTotalCenti: assessmentPostLockAdjustments.recomputedTotalCenti, name: users.name })
        .from(assessmentPostLockAdjustments)
        .innerJoin(assessmentResults, eq(assessmentResults.id, assessmentPostLockAdjustments.resultId))
        .innerJoin(users, eq(users.id, assessmentResults.userId))
        .where(and(eq(assessmentPostLockAdjustments.applyInPeriodKey, periodKey), inArray(assessmentResults.userId, userIds)))
        .orderBy(asc(assessmentPostLockAdjustments.id))
        .all();
    },

    latestAppeal(resultId: number): AppealRow | undefined {
      return db.select().from(assessmentAppeals).where(eq(assessmentAppeals.resultId, resultId)).orderBy(desc(assessmentAppeals.id)).limit(1).get();
    },

    /**
     * One assessment per department with active reps (a leader's own result one level up: review-groups.ts),
     * each rep's scorecard frozen as it stands now. Idempotent: an existing one is left alone.
     */
    async generate(periodKey: string, actor: AuditActor): Promise<{ created: AssessmentRow[]; existing: number }> {
      const period = parsePeriodKey(periodKey, settings.zone);
      if (!period || period.type !== 'month') throw new Error(`not a month period: ${periodKey}`);
      const activeIds = new Set(db.select({ id: users.id }).from(users).where(eq(users.active, true)).all().map((u) => u.id));
      const scores = await scorecards.scorePeriod(period, { userIds: activeIds });
      const org = new Map(db.select({ id: departments.id, parentId: departments.parentId, leaderUserId: departments.leaderUserId }).from(departments).all().map((d) => [d.id, d]));
      const placed = scores.reps.flatMap((rep) => (rep.departmentId === null ? [] : [{ ...rep, departmentId: rep.departmentId }]));
      const groups = reviewGroups(placed, org);
      return tx(() => {
        const created: AssessmentRow[] = [];
        let existing = 0;
        for (const { departmentId, managerUserId: leader, userIds } of groups) {
          const reps = placed.filter((rep) => userIds.includes(rep.userId));
          const first = reps[0] as (typeof reps)[number];
          const row = db
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
            .returning()
            .get();
          if (!row) {
            existing += 1;
            continue;
          }
          for (const rep of reps) {
            const frozen = freezeScorecard(rep.scorecard, rep.content, sayAll);
            const totalCenti = toCenti(rep.total);
            db.insert(assessmentResults)
              .values({
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
              })
              .run();
          }
          writeAudit(db, actor, 'assessment.generate', 'assessment', row.id, null, { ...snapshot(row), reps: reps.map((r) => ({ userId: r.userId, totalCenti: toCenti(r.total), grade: r.scorecard.grade })) });
          created.push(row);
        }
        return { created, existing };
      });
    },

    /** adjust / submit / approve / reject, compare-and-set on the version the card showed (when given). */
    transition(id: number, action: AssessmentAction, who: Actor, actor: AuditActor, expectedVersion?: number): TransitionOutcome<AssessmentRow> {
      return tx(() => {
        const row = get(id);
        if (!row) return { ok: false, problem: problem('NOT_FOUND', 'assessment.problem.noAssessment'), row: undefined };
        const decision = decideAssessment({ status: row.status, managerUserId: row.managerUserId, adjustmentBound: row.adjustmentBound, ...facts.forAction(id, action) }, action, who);
        if (!decision.ok) return { ...decision, row };
        if (expectedVersion !== undefined && expectedVersion !== row.version && action.type !== 'adjust') {
          return { ok: false, problem: problem('INVALID_STATE', 'assessment.problem.staleCard'), row, stale: true };
        }
        let adjusted: { before: ResultRow; after: Partial<ResultRow> } | undefined;
        if (action.type === 'adjust') {
          const target = resultsOf(id).find((r) => r.userId === action.repUserId);
          if (!target) return { ok: false, problem: problem('VALIDATION_FAILED', 'assessment.problem.notInAssessment'), row };
          const adjustmentCenti = Math.round(action.points * 100);
          const final = finalResult(target.totalCenti, adjustmentCenti, target.scorecard);
          const change = { adjustmentCenti, adjustmentReason: adjustmentCenti === 0 ? null : action.reason.trim(), finalCenti: final.centi, finalGrade: final.grade, updatedAt: actor.now };
          db.update(assessmentResults).set(change).where(eq(assessmentResults.id, target.id)).run();
          adjusted = { before: target, after: change };
        }
        const updated = db
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
          .returning()
          .get();
        // Inside an IMMEDIATE transaction nothing changes the row meanwhile; the guard keeps it a compare-and-set outside one.
        if (!updated) return { ok: false, problem: problem('INVALID_STATE', 'assessment.problem.decidedMeanwhile'), row: get(id), stale: true };
        if (adjusted) {
          writeAudit(db, actor, 'assessment.adjust', 'assessment_result', adjusted.before.id, resultSnapshot(row.periodKey, adjusted.before), resultSnapshot(row.periodKey, { ...adjusted.before, ...adjusted.after }));
        } else {
          const extra = stepDetail(action, resultsOf(id));
          writeAudit(db, actor, `assessment.${action.type}`, 'assessment', id, snapshot(row), { ...snapshot(updated), ...extra });
        }
        if (action.type === 'approve') {
          const windowEndsAt = addWorkingDays(actor.now, settings.appealWindowDays, settings.zone);
          for (const r of resultsOf(id)) {
            db.update(assessmentResults).set({ status: 'published', approvedVersion: 1, windowEndsAt, updatedAt: actor.now }).where(eq(assessmentResults.id, r.id)).run();
            writeAudit(db, actor, 'assessment.result.publish', 'assessment_result', r.id, resultSnapshot(row.periodKey, r), resultSnapshot(row.periodKey, { ...r, status: 'published', approvedVersion: 1 }));
          }
        }
        return { ok: true, row: updated };
      });
    },

    actOnResult,

    /** Results whose window is over become final (run by the daily job). */
    finalizeDue(actor: AuditActor): number {
      const due = db
        .select({ id: assessmentResults.id })
        .from(assessmentResults)
        .where(and(inArray(assessmentResults.status, ['published', 'acknowledged', 'appeal_resolved']), lte(assessmentResults.windowEndsAt, actor.now)))
        .all();
      let finalized = 0;
      for (const { id } of due) if (actOnResult(id, { type: 'finalize' }, 'system', actor).ok) finalized += 1;
      return finalized;
    },

    /** Reviews past their due time and not yet reminded; marks them reminded (once). */
    takeDueReminders(now: number): AssessmentRow[] {
      return tx(() => {
        const due = db.select().from(assessments).where(and(eq(assessments.status, 'in_review'), lte(assessments.reviewDueAt, now), isNull(assessments.remindedAt))).all();
        for (const row of due) db.update(assessments).set({ remindedAt: now }).where(eq(assessments.id, row.id)).run();
        return due;
      });
    },
  });
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
