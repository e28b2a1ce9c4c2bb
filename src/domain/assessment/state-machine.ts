import { DateTime } from 'luxon';
import { problem, type Problem } from '../problem.js';
import { permissionProblem, type Actor } from './permissions.js';

export type { Actor } from './permissions.js';

/**
 * The assessment cycle as pure rules: which transitions exist, who may make them, and what they
 * need. Persistence applies the returned decision atomically (compare-and-set on the status), so two
 * HR users clicking at once record one decision.
 *
 *   in_review --submit(manager)--> pending_approval --approve(hr not in it)--> approved (locked, results published)
 *       ^                                 |
 *       +--------reject(hr, reason)-------+   the whole review goes back
 *       +--send-back(hr, reps, reason)----+   only those reps reopen: the manager adjusts them alone
 *       +--withdraw(manager)--------------+   before HR decides
 *
 * Each rep's result, once published: published --acknowledge(rep)--> acknowledged
 *                                     published --appeal(rep, reason)--> appealed --resolve(hr|manager)--> appeal_resolved
 *                                     published | acknowledged | appeal_resolved --(window over)--> final
 */
export type AssessmentStatus = 'in_review' | 'pending_approval' | 'approved';
export type ResultStatus = 'published' | 'acknowledged' | 'appealed' | 'appeal_resolved' | 'final';

export interface AssessmentFacts {
  status: AssessmentStatus;
  /** The manager who reviews this department's assessment. */
  managerUserId: number | null;
  /** Largest total adjustment of one rep's result, in points either way (e.g. 10). */
  adjustmentBound: number;
  /** The reps whose results it holds: none of them decides on it. */
  assessedUserIds?: readonly number[];
  /** Some active HR user is not in it (else an admin who is not in it decides). */
  hrCanDecide?: boolean;
  /**
   * For adjust: the points the rep's result carries from other steps (appeal adjustments). The
   * review's own earlier adjustment is replaced by the new one, so it is not counted here.
   */
  adjustedSoFar?: number;
  /** After a send-back: the reps reopened for the manager; the others stay as submitted. */
  reopenedUserIds?: readonly number[];
}

export type AssessmentAction =
  | { type: 'adjust'; repUserId: number; points: number; reason: string }
  | { type: 'submit' }
  /** acknowledgement: why approve a round outside the forced distribution (kept in the audit row). */
  | { type: 'approve'; acknowledgement?: string }
  | { type: 'reject'; reason: string }
  | { type: 'send-back'; repUserIds: readonly number[]; reason: string }
  | { type: 'withdraw' };

/** Why not, as a Problem (message key and params): the doors translate it. */
export type Refusal = { ok: false; problem: Problem };
export type Decision<S> = { ok: true; from: S; to: S } | Refusal;

const MIN_REASON_LENGTH = 2;

type RefusalCode = 'FORBIDDEN' | 'INVALID_STATE' | 'VALIDATION_FAILED';

function refuse(code: RefusalCode, what: string, params: Record<string, string | number> = {}): Refusal {
  return { ok: false, problem: problem(code, `assessment.problem.${what}`, params) };
}

function forbidden(value: Problem | null): Refusal | null {
  return value ? { ok: false, problem: value } : null;
}

function validReason(reason: string): boolean {
  return reason.trim().length >= MIN_REASON_LENGTH;
}

/**
 * The bound applies to the total of a rep's adjustments across steps (review, then appeals), so
 * +5 and then +10 cannot make +15. The refusal says how much is left in that direction.
 */
function outOfBound(points: number, soFar: number, bound: number): Refusal | null {
  if (!Number.isFinite(points)) return refuse('VALIDATION_FAILED', 'bound', { bound });
  // In hundredths, so 2.5 + 7.5 is exactly 10.
  const soFarCenti = Math.round(soFar * 100);
  if (Math.abs(soFarCenti + Math.round(points * 100)) <= bound * 100) return null;
  if (soFarCenti === 0) return refuse('VALIDATION_FAILED', 'bound', { bound });
  const leftCenti = points > 0 ? Math.max(0, bound * 100 - soFarCenti) : Math.max(0, bound * 100 + soFarCenti);
  const soFarText = `${soFarCenti > 0 ? '+' : '-'}${Math.abs(soFarCenti) / 100}`;
  return refuse('VALIDATION_FAILED', 'boundTotal', { bound, soFar: soFarText, left: `${points > 0 ? '+' : '-'}${leftCenti / 100}` });
}

export function decideAssessment(facts: AssessmentFacts, action: AssessmentAction, actor: Actor): Decision<AssessmentStatus> {
  const from = facts.status;
  if (from === 'approved') return refuse('INVALID_STATE', 'locked');
  switch (action.type) {
    case 'adjust': {
      const refused = forbidden(permissionProblem('adjust', actor, facts));
      if (refused) return refused;
      if (action.repUserId === actor.userId) return refuse('FORBIDDEN', 'ownResult');
      if (from !== 'in_review') return refuse('INVALID_STATE', 'alreadySubmitted');
      if (facts.reopenedUserIds?.length && !facts.reopenedUserIds.includes(action.repUserId)) return refuse('INVALID_STATE', 'notSentBack');
      if (!validReason(action.reason)) return refuse('VALIDATION_FAILED', 'adjustReason');
      return outOfBound(action.points, facts.adjustedSoFar ?? 0, facts.adjustmentBound) ?? { ok: true, from, to: 'in_review' };
    }
    case 'submit':
      return forbidden(permissionProblem('submit', actor, facts)) ?? (from !== 'in_review' ? refuse('INVALID_STATE', 'submitted') : { ok: true, from, to: 'pending_approval' });
    case 'approve':
    case 'reject': {
      const refused = forbidden(permissionProblem('decide', actor, facts));
      if (refused) return refused;
      if (from !== 'pending_approval') return refuse('INVALID_STATE', 'notPending');
      if (action.type === 'reject' && !validReason(action.reason)) return refuse('VALIDATION_FAILED', 'rejectReason');
      return { ok: true, from, to: action.type === 'approve' ? 'approved' : 'in_review' };
    }
    case 'send-back': {
      const refused = forbidden(permissionProblem('decide', actor, facts));
      if (refused) return refused;
      if (from !== 'pending_approval') return refuse('INVALID_STATE', 'notPending');
      const assessed = facts.assessedUserIds ?? [];
      if (action.repUserIds.length === 0 || action.repUserIds.some((id) => !assessed.includes(id))) return refuse('VALIDATION_FAILED', 'notInAssessment');
      if (!validReason(action.reason)) return refuse('VALIDATION_FAILED', 'sendBackReason');
      return { ok: true, from, to: 'in_review' };
    }
    case 'withdraw':
      // The reviewer takes back what they submitted; once HR has decided there is nothing to take back.
      return forbidden(permissionProblem('submit', actor, facts)) ?? (from !== 'pending_approval' ? refuse('INVALID_STATE', 'withdrawNotPending') : { ok: true, from, to: 'in_review' });
  }
}

export interface ResultFacts {
  status: ResultStatus;
  repUserId: number;
  managerUserId: number | null;
  /** End of the acknowledge/appeal window (epoch ms). */
  windowEndsAt: number;
  adjustmentBound: number;
  /** For resolve-appeal: the points the result already carries (the review's adjustment and earlier appeals'). */
  adjustedSoFar?: number;
}

export type ResultAction =
  | { type: 'acknowledge' }
  | { type: 'appeal'; reason: string; indicatorKey?: string }
  | { type: 'resolve-appeal'; outcome: 'uphold'; reason: string }
  | { type: 'resolve-appeal'; outcome: 'adjust'; points: number; reason: string }
  | { type: 'finalize' };

export function decideResult(facts: ResultFacts, action: ResultAction, actor: Actor | 'system', now: number): Decision<ResultStatus> {
  const from = facts.status;
  const permission = (doing: 'respond' | 'resolve') => (actor === 'system' ? refuse('FORBIDDEN', `${doing}Forbidden`) : forbidden(permissionProblem(doing, actor, facts)));
  switch (action.type) {
    case 'acknowledge':
    case 'appeal': {
      const refused = permission('respond');
      if (refused) return refused;
      if (from !== 'published') return refuse('INVALID_STATE', 'responded');
      if (now >= facts.windowEndsAt) return refuse('INVALID_STATE', 'windowClosed');
      if (action.type === 'appeal' && !validReason(action.reason)) return refuse('VALIDATION_FAILED', 'appealReason');
      return { ok: true, from, to: action.type === 'acknowledge' ? 'acknowledged' : 'appealed' };
    }
    case 'resolve-appeal': {
      const refused = permission('resolve');
      if (refused) return refused;
      if ((actor as Actor).userId === facts.repUserId) return refuse('FORBIDDEN', 'ownAppeal');
      if (from !== 'appealed') return refuse('INVALID_STATE', 'noOpenAppeal');
      if (!validReason(action.reason)) return refuse('VALIDATION_FAILED', 'resolveReason');
      if (action.outcome === 'adjust') {
        const refusedBound = outOfBound(action.points, facts.adjustedSoFar ?? 0, facts.adjustmentBound);
        if (refusedBound) return refusedBound;
      }
      return { ok: true, from, to: 'appeal_resolved' };
    }
    case 'finalize':
      if (actor !== 'system') return refuse('FORBIDDEN', 'finalizeBySystem');
      if (from === 'final') return refuse('INVALID_STATE', 'final');
      if (from === 'appealed') return refuse('INVALID_STATE', 'appealOpen');
      if (now < facts.windowEndsAt) return refuse('INVALID_STATE', 'windowOpen');
      return { ok: true, from, to: 'final' };
  }
}

/**
 * The end of a window of N working days (Monday to Friday) starting after `from`, at the end of the
 * last day, in the zone. Public holidays are not known here; an org that needs them sets a longer
 * window.
 */
export function addWorkingDays(from: number, days: number, zone: string): number {
  let date = DateTime.fromMillis(from, { zone }).startOf('day');
  let left = days;
  while (left > 0) {
    date = date.plus({ days: 1 });
    if (date.weekday <= 5) left -= 1;
  }
  return date.plus({ days: 1 }).toMillis();
}
