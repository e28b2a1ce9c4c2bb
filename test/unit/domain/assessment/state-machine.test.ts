import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  decideAssessment,
  decideResult,
  type Actor,
  type AssessmentAction,
  type AssessmentStatus,
  type ResultAction,
  type ResultStatus,
} from '../../../../src/domain/assessment/state-machine.js';
import { translateProblem } from '../../../../src/i18n/problem-text.js';

const MANAGER: Actor = { userId: 10, roles: ['manager', 'rep'] };
const OTHER_MANAGER: Actor = { userId: 20, roles: ['manager'] };
const HR: Actor = { userId: 30, roles: ['hr'] };
const ADMIN: Actor = { userId: 40, roles: ['admin'] };
const REP: Actor = { userId: 11, roles: ['rep'] };
const ACTORS = { MANAGER, OTHER_MANAGER, HR, ADMIN, REP } as const;

const ACTIONS: Record<string, AssessmentAction> = {
  adjust: { type: 'adjust', repUserId: 11, points: 5, reason: '大客户跟进辛苦' },
  submit: { type: 'submit' },
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: '调整理由不充分' },
};

/** Expected next status for every (status, action, actor), or the refusal code. */
const TABLE: [AssessmentStatus, keyof typeof ACTIONS, keyof typeof ACTORS, AssessmentStatus | 'FORBIDDEN' | 'INVALID_STATE'][] = [
  ['in_review', 'adjust', 'MANAGER', 'in_review'],
  // The department has a leader (MANAGER): an admin does not review it (separation-of-duties.test.ts has the leaderless case).
  ['in_review', 'adjust', 'ADMIN', 'FORBIDDEN'],
  ['in_review', 'adjust', 'OTHER_MANAGER', 'FORBIDDEN'],
  ['in_review', 'adjust', 'HR', 'FORBIDDEN'],
  ['in_review', 'adjust', 'REP', 'FORBIDDEN'],
  ['in_review', 'submit', 'MANAGER', 'pending_approval'],
  ['in_review', 'submit', 'ADMIN', 'FORBIDDEN'],
  ['in_review', 'submit', 'OTHER_MANAGER', 'FORBIDDEN'],
  ['in_review', 'submit', 'HR', 'FORBIDDEN'],
  ['in_review', 'submit', 'REP', 'FORBIDDEN'],
  ['in_review', 'approve', 'HR', 'INVALID_STATE'],
  ['in_review', 'reject', 'HR', 'INVALID_STATE'],
  ['in_review', 'approve', 'MANAGER', 'FORBIDDEN'],
  ['pending_approval', 'approve', 'HR', 'approved'],
  ['pending_approval', 'reject', 'HR', 'in_review'],
  ['pending_approval', 'approve', 'MANAGER', 'FORBIDDEN'],
  ['pending_approval', 'approve', 'ADMIN', 'FORBIDDEN'],
  ['pending_approval', 'approve', 'REP', 'FORBIDDEN'],
  ['pending_approval', 'reject', 'MANAGER', 'FORBIDDEN'],
  ['pending_approval', 'adjust', 'MANAGER', 'INVALID_STATE'],
  ['pending_approval', 'submit', 'MANAGER', 'INVALID_STATE'],
  ['approved', 'approve', 'HR', 'INVALID_STATE'],
  ['approved', 'reject', 'HR', 'INVALID_STATE'],
  ['approved', 'adjust', 'MANAGER', 'INVALID_STATE'],
  ['approved', 'submit', 'MANAGER', 'INVALID_STATE'],
  ['approved', 'adjust', 'ADMIN', 'INVALID_STATE'],
  ['approved', 'approve', 'ADMIN', 'INVALID_STATE'],
  ['approved', 'reject', 'REP', 'INVALID_STATE'],
  ['in_review', 'reject', 'MANAGER', 'FORBIDDEN'],
  ['in_review', 'reject', 'REP', 'FORBIDDEN'],
  ['in_review', 'approve', 'ADMIN', 'FORBIDDEN'],
  ['in_review', 'approve', 'REP', 'FORBIDDEN'],
  ['pending_approval', 'reject', 'ADMIN', 'FORBIDDEN'],
  ['pending_approval', 'reject', 'REP', 'FORBIDDEN'],
  ['pending_approval', 'reject', 'OTHER_MANAGER', 'FORBIDDEN'],
  ['pending_approval', 'approve', 'OTHER_MANAGER', 'FORBIDDEN'],
  ['pending_approval', 'adjust', 'ADMIN', 'FORBIDDEN'],
  ['pending_approval', 'submit', 'ADMIN', 'FORBIDDEN'],
  ['pending_approval', 'adjust', 'HR', 'FORBIDDEN'],
  ['pending_approval', 'submit', 'REP', 'FORBIDDEN'],
  ['in_review', 'reject', 'ADMIN', 'FORBIDDEN'],
  ['pending_approval', 'adjust', 'REP', 'FORBIDDEN'],
  ['pending_approval', 'submit', 'HR', 'FORBIDDEN'],
  // Once approved the assessment is locked: nobody moves it, whatever their role.
  ['approved', 'adjust', 'HR', 'INVALID_STATE'],
  ['approved', 'adjust', 'REP', 'INVALID_STATE'],
  ['approved', 'submit', 'HR', 'INVALID_STATE'],
  ['approved', 'submit', 'ADMIN', 'INVALID_STATE'],
  ['approved', 'submit', 'REP', 'INVALID_STATE'],
  ['approved', 'approve', 'MANAGER', 'INVALID_STATE'],
  ['approved', 'approve', 'REP', 'INVALID_STATE'],
  ['approved', 'reject', 'MANAGER', 'INVALID_STATE'],
  ['approved', 'reject', 'ADMIN', 'INVALID_STATE'],
];

describe('assessment transitions by role', () => {
  it.each(TABLE)('%s: %s by %s → %s', (status, action, actor, expected) => {
    const decision = decideAssessment({ status, managerUserId: MANAGER.userId, adjustmentBound: 10 }, ACTIONS[action]!, ACTORS[actor]);
    if (expected === 'FORBIDDEN' || expected === 'INVALID_STATE') expect(decision).toMatchObject({ ok: false, problem: { code: expected } });
    else expect(decision).toEqual({ ok: true, from: status, to: expected });
  });

  it.each([
    [{ type: 'adjust', repUserId: 11, points: 10.5, reason: '理由充分' }, /±10/],
    [{ type: 'adjust', repUserId: 11, points: -11, reason: '理由充分' }, /±10/],
    [{ type: 'adjust', repUserId: 11, points: Number.NaN, reason: '理由充分' }, /±10/],
    [{ type: 'adjust', repUserId: 11, points: 3, reason: ' ' }, /原因/],
  ] as [AssessmentAction, RegExp][])('refuses an adjustment %o', (action, message) => {
    const decision = decideAssessment({ status: 'in_review', managerUserId: 10, adjustmentBound: 10 }, action, MANAGER);
    expect(decision).toMatchObject({ ok: false, problem: { code: 'VALIDATION_FAILED' } });
    if (!decision.ok) expect(translateProblem('zh', decision.problem)).toMatch(message);
  });

  it('accepts an adjustment exactly at the bound', () => {
    expect(decideAssessment({ status: 'in_review', managerUserId: 10, adjustmentBound: 10 }, { type: 'adjust', repUserId: 11, points: -10, reason: '客户投诉' }, MANAGER).ok).toBe(true);
  });

  it('every (status, action, role) combination is in the table', () => {
    const covered = new Set(TABLE.map(([status, action, actor]) => `${status}/${action}/${actor}`));
    const roles = ['MANAGER', 'HR', 'ADMIN', 'REP'];
    const missing = (['in_review', 'pending_approval', 'approved'] as const).flatMap((status) => Object.keys(ACTIONS).flatMap((action) => roles.filter((r) => !covered.has(`${status}/${action}/${r}`)).map((r) => `${status}/${action}/${r}`)));
    expect(missing).toEqual([]);
  });

  it('a manager cannot adjust their own result, even as the reviewer', () => {
    const managerAsRep = { type: 'adjust', repUserId: MANAGER.userId, points: 5, reason: '自评加分' } as const;
    expect(decideAssessment({ status: 'in_review', managerUserId: MANAGER.userId, adjustmentBound: 10 }, managerAsRep, MANAGER)).toMatchObject({ ok: false, problem: { code: 'FORBIDDEN' } });
  });

  it('a rejection needs a reason', () => {
    expect(decideAssessment({ status: 'pending_approval', managerUserId: 10, adjustmentBound: 10 }, { type: 'reject', reason: '' }, HR)).toMatchObject({ ok: false, problem: { code: 'VALIDATION_FAILED' } });
  });
});

describe('result transitions', () => {
  const NOW = Date.parse('2026-12-02T10:00:00+08:00');
  const facts = (status: ResultStatus, windowEndsAt = NOW + 86_400_000) => ({ status, repUserId: REP.userId, managerUserId: MANAGER.userId, windowEndsAt, adjustmentBound: 10 });
  const APPEAL: ResultAction = { type: 'appeal', reason: '回款数据漏算了一笔', indicatorKey: 'payments' };
  const UPHOLD: ResultAction = { type: 'resolve-appeal', outcome: 'uphold', reason: '核实无误' };
  const ADJUST: ResultAction = { type: 'resolve-appeal', outcome: 'adjust', points: 4, reason: '补录回款' };

  const table: [ResultStatus, ResultAction, Actor | 'system', ResultStatus | 'FORBIDDEN' | 'INVALID_STATE' | 'VALIDATION_FAILED', number?][] = [
    ['published', { type: 'acknowledge' }, REP, 'acknowledged'],
    ['published', APPEAL, REP, 'appealed'],
    ['published', { type: 'acknowledge' }, MANAGER, 'FORBIDDEN'],
    ['published', APPEAL, HR, 'FORBIDDEN'],
    ['published', { type: 'acknowledge' }, REP, 'INVALID_STATE', NOW - 1],
    ['published', APPEAL, REP, 'INVALID_STATE', NOW],
    ['published', { type: 'appeal', reason: '' }, REP, 'VALIDATION_FAILED'],
    ['acknowledged', APPEAL, REP, 'INVALID_STATE'],
    ['acknowledged', { type: 'acknowledge' }, REP, 'INVALID_STATE'],
    ['appealed', UPHOLD, HR, 'appeal_resolved'],
    ['appealed', ADJUST, MANAGER, 'appeal_resolved'],
    ['appealed', UPHOLD, OTHER_MANAGER, 'FORBIDDEN'],
    ['appealed', UPHOLD, REP, 'FORBIDDEN'],
    ['appealed', { type: 'resolve-appeal', outcome: 'adjust', points: 12, reason: '补录' }, HR, 'VALIDATION_FAILED'],
    ['published', UPHOLD, HR, 'INVALID_STATE'],
    ['published', { type: 'finalize' }, 'system', 'final', NOW],
    ['acknowledged', { type: 'finalize' }, 'system', 'final', NOW - 1],
    ['appeal_resolved', { type: 'finalize' }, 'system', 'final', NOW],
    ['published', { type: 'finalize' }, 'system', 'INVALID_STATE'],
    ['appealed', { type: 'finalize' }, 'system', 'INVALID_STATE', NOW - 1],
    ['final', { type: 'finalize' }, 'system', 'INVALID_STATE', NOW - 1],
    ['published', { type: 'finalize' }, HR, 'FORBIDDEN', NOW - 1],
    ['published', { type: 'acknowledge' }, HR, 'FORBIDDEN'],
    ['published', { type: 'acknowledge' }, ADMIN, 'FORBIDDEN'],
    ['published', APPEAL, MANAGER, 'FORBIDDEN'],
    ['appealed', UPHOLD, ADMIN, 'FORBIDDEN'],
    ['appealed', ADJUST, HR, 'appeal_resolved'],
    ['appealed', { type: 'acknowledge' }, REP, 'INVALID_STATE'],
    ['appealed', APPEAL, REP, 'INVALID_STATE'],
    ['appeal_resolved', APPEAL, REP, 'INVALID_STATE'],
    ['appeal_resolved', UPHOLD, HR, 'INVALID_STATE'],
    ['final', { type: 'acknowledge' }, REP, 'INVALID_STATE'],
    ['final', UPHOLD, HR, 'INVALID_STATE'],
    ['acknowledged', { type: 'finalize' }, 'system', 'INVALID_STATE'],
  ];

  it.each(table)('%s: %o by %o → %s', (status, action, actor, expected, windowEndsAt) => {
    const decision = decideResult(facts(status, windowEndsAt), action, actor, NOW);
    if (['FORBIDDEN', 'INVALID_STATE', 'VALIDATION_FAILED'].includes(expected)) expect(decision).toMatchObject({ ok: false, problem: { code: expected } });
    else expect(decision).toEqual({ ok: true, from: status, to: expected });
  });
});

describe('appeals on a manager who is also a rep of the team', () => {
  it('they cannot resolve their own appeal; HR can', () => {
    const NOW = Date.parse('2026-12-02T10:00:00+08:00');
    const facts = { status: 'appealed' as const, repUserId: MANAGER.userId, managerUserId: MANAGER.userId, windowEndsAt: NOW + 1, adjustmentBound: 10 };
    const uphold = { type: 'resolve-appeal', outcome: 'uphold', reason: '核实无误' } as const;
    expect(decideResult(facts, uphold, MANAGER, NOW)).toMatchObject({ ok: false, problem: { code: 'FORBIDDEN' } });
    expect(decideResult(facts, uphold, HR, NOW)).toMatchObject({ ok: true, to: 'appeal_resolved' });
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Published Tuesday → 3 working days: Wed, Thu, Fri → window ends at the start of Saturday.
    ['2026-12-01T15:00:00+08:00', 3, '2026-12-05T00:00:00+08:00'],
    // Published Friday → Mon, Tue, Wed.
    ['2026-12-04T09:00:00+08:00', 3, '2026-12-10T00:00:00+08:00'],
    // Published Saturday → Mon.
    ['2026-12-05T09:00:00+08:00', 1, '2026-12-08T00:00:00+08:00'],
  ])('%s + %i working days ends %s', (from, days, end) => {
    expect(addWorkingDays(Date.parse(from), days, 'Asia/Shanghai')).toBe(Date.parse(end));
  });
});
