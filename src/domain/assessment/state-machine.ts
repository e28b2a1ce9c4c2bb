import { DateTime } from 'luxon';
import type { Role } from '../org/roles.js';

/**
 * The assessment cycle as pure rules: which transitions exist, who may make them, and what they
 * need. Persistence applies the returned decision atomically (compare-and-set on the status), so two
 * HR users clicking at once record one decision.
 *
 *   in_review --submit(manager)--> pending_approval --approve(hr)--> approved (locked, results published)
 *       ^                                 |
 *       +--------reject(hr, reason)-------+
 *
 * Each rep's result, once published: published --acknowledge(rep)--> acknowledged
 *                                     published --appeal(rep, reason)--> appealed --resolve(hr|manager)--> appeal_resolved
 *                                     published | acknowledged | appeal_resolved --(window over)--> final
 */
export type AssessmentStatus = 'in_review' | 'pending_approval' | 'approved';
export type ResultStatus = 'published' | 'acknowledged' | 'appealed' | 'appeal_resolved' | 'final';

export interface Actor {
  userId: number;
  roles: readonly Role[];
}

export interface AssessmentFacts {
  status: AssessmentStatus;
  /** The manager who reviews this department's assessment. */
  managerUserId: number | null;
  /** Largest manager adjustment, in points either way (e.g. 10). */
  adjustmentBound: number;
}

export type AssessmentAction =
  | { type: 'adjust'; repUserId: number; points: number; reason: string }
  | { type: 'submit' }
  | { type: 'approve' }
  | { type: 'reject'; reason: string };

export type Refusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'VALIDATION_FAILED'; reason: string };
export type Decision<S> = { ok: true; from: S; to: S } | Refusal;

const MIN_REASON_LENGTH = 2;

function refuse(code: Refusal['code'], reason: string): Refusal {
  return { ok: false, code, reason };
}

function isReviewer(actor: Actor, facts: AssessmentFacts): boolean {
  return actor.roles.includes('admin') || (actor.roles.includes('manager') && facts.managerUserId === actor.userId);
}

function validReason(reason: string): boolean {
  return reason.trim().length >= MIN_REASON_LENGTH;
}

export function decideAssessment(facts: AssessmentFacts, action: AssessmentAction, actor: Actor): Decision<AssessmentStatus> {
  const from = facts.status;
  if (from === 'approved') return refuse('INVALID_STATE', '考核已审批锁定，不能再修改 (the assessment is approved and locked)');
  switch (action.type) {
    case 'adjust': {
      if (!isReviewer(actor, facts)) return refuse('FORBIDDEN', '只有本部门经理可以调整分数 (only the department manager may adjust)');
      if (action.repUserId === actor.userId) return refuse('FORBIDDEN', '不能调整自己的分数 (you cannot adjust your own result)');
      if (from !== 'in_review') return refuse('INVALID_STATE', '已提交审批，不能再调整 (already submitted for approval)');
      if (!validReason(action.reason)) return refuse('VALIDATION_FAILED', '调整分数必须填写原因 (a reason is required)');
      if (!Number.isFinite(action.points) || Math.abs(action.points) > facts.adjustmentBound) {
        return refuse('VALIDATION_FAILED', `调整幅度不能超过 ±${facts.adjustmentBound} 分 (adjustment must be within ±${facts.adjustmentBound})`);
      }
      return { ok: true, from, to: 'in_review' };
    }
    case 'submit':
      if (!isReviewer(actor, facts)) return refuse('FORBIDDEN', '只有本部门经理可以提交 (only the department manager may submit)');
      if (from !== 'in_review') return refuse('INVALID_STATE', '已提交，等待 HR 审批 (already submitted)');
      return { ok: true, from, to: 'pending_approval' };
    case 'approve':
    case 'reject':
      if (!actor.roles.includes('hr')) return refuse('FORBIDDEN', '只有 HR 可以审批 (only HR may approve or reject)');
      if (from !== 'pending_approval') return refuse('INVALID_STATE', '当前不在待审批状态 (not awaiting approval)');
      if (action.type === 'reject' && !validReason(action.reason)) return refuse('VALIDATION_FAILED', '驳回必须填写原因 (a reason is required)');
      return { ok: true, from, to: action.type === 'approve' ? 'approved' : 'in_review' };
  }
}

export interface ResultFacts {
  status: ResultStatus;
  repUserId: number;
  managerUserId: number | null;
  /** End of the acknowledge/appeal window (epoch ms). */
  windowEndsAt: number;
  adjustmentBound: number;
}

export type ResultAction =
  | { type: 'acknowledge' }
  | { type: 'appeal'; reason: string; indicatorKey?: string }
  | { type: 'resolve-appeal'; outcome: 'uphold'; reason: string }
  | { type: 'resolve-appeal'; outcome: 'adjust'; points: number; reason: string }
  | { type: 'finalize' };

export function decideResult(facts: ResultFacts, action: ResultAction, actor: Actor | 'system', now: number): Decision<ResultStatus> {
  const from = facts.status;
  const isRep = actor !== 'system' && actor.userId === facts.repUserId;
  switch (action.type) {
    case 'acknowledge':
    case 'appeal':
      if (!isRep) return refuse('FORBIDDEN', '只有本人可以确认或申诉 (only the rep may acknowledge or appeal)');
      if (from !== 'published') return refuse('INVALID_STATE', '结果已确认或已申诉 (already acknowledged or appealed)');
      if (now >= facts.windowEndsAt) return refuse('INVALID_STATE', '已超过确认/申诉期限，结果已生效 (the window has closed)');
      if (action.type === 'appeal' && !validReason(action.reason)) return refuse('VALIDATION_FAILED', '申诉必须填写原因 (a reason is required)');
      return { ok: true, from, to: action.type === 'acknowledge' ? 'acknowledged' : 'appealed' };
    case 'resolve-appeal': {
      const allowed = actor !== 'system' && (actor.roles.includes('hr') || (actor.roles.includes('manager') && actor.userId === facts.managerUserId));
      if (!allowed) return refuse('FORBIDDEN', '只有 HR 或该员工的经理可以处理申诉 (only HR or the manager may resolve an appeal)');
      if ((actor as Actor).userId === facts.repUserId) return refuse('FORBIDDEN', '不能处理自己的申诉 (you cannot resolve your own appeal)');
      if (from !== 'appealed') return refuse('INVALID_STATE', '没有待处理的申诉 (no open appeal)');
      if (!validReason(action.reason)) return refuse('VALIDATION_FAILED', '处理申诉必须填写原因 (a reason is required)');
      if (action.outcome === 'adjust' && (!Number.isFinite(action.points) || Math.abs(action.points) > facts.adjustmentBound)) {
        return refuse('VALIDATION_FAILED', `调整幅度不能超过 ±${facts.adjustmentBound} 分 (adjustment must be within ±${facts.adjustmentBound})`);
      }
      return { ok: true, from, to: 'appeal_resolved' };
    }
    case 'finalize':
      if (actor !== 'system') return refuse('FORBIDDEN', '结果到期自动生效 (results become final on their own)');
      if (from === 'final') return refuse('INVALID_STATE', '结果已生效 (already final)');
      if (from === 'appealed') return refuse('INVALID_STATE', '申诉处理完之前不能生效 (an open appeal must be resolved first)');
      if (now < facts.windowEndsAt) return refuse('INVALID_STATE', '确认/申诉期限未到 (the window is still open)');
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
