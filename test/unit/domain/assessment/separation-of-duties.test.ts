import { describe, expect, it } from 'vitest';
import { decidersOf, mayDo, permissionProblem } from '../../../../src/domain/assessment/permissions.js';
import { decideAssessment, decideResult, type Actor, type AssessmentFacts, type ResultAction } from '../../../../src/domain/assessment/state-machine.js';
import { translateProblem } from '../../../../src/i18n/problem-text.js';

const MANAGER: Actor = { userId: 10, roles: ['manager'] };
const REP = 11;
const HR_IN_IT: Actor = { userId: 30, roles: ['hr', 'rep'] };
const OTHER_HR: Actor = { userId: 31, roles: ['hr'] };
const ADMIN: Actor = { userId: 40, roles: ['admin'] };
const ADMIN_IN_IT: Actor = { userId: 41, roles: ['admin', 'rep'] };

const pending = (extra: Partial<AssessmentFacts> = {}): AssessmentFacts => ({ status: 'pending_approval', managerUserId: MANAGER.userId, adjustmentBound: 10, assessedUserIds: [REP, HR_IN_IT.userId, ADMIN_IN_IT.userId], hrCanDecide: true, ...extra });

describe('an admin reviews only a department without a leader', () => {
  const adjust = { type: 'adjust', repUserId: REP, points: 3, reason: '大客户攻坚' } as const;

  it.each([
    ['adjust', adjust],
    ['submit', { type: 'submit' }],
  ] as const)('%s: refused where the department has a leader, allowed where it has none', (doing, action) => {
    const withLeader = decideAssessment({ status: 'in_review', managerUserId: MANAGER.userId, adjustmentBound: 10 }, action, ADMIN);
    expect(withLeader).toMatchObject({ ok: false, problem: { code: 'FORBIDDEN', key: `assessment.problem.${doing}Forbidden` } });
    expect(decideAssessment({ status: 'in_review', managerUserId: null, adjustmentBound: 10 }, action, ADMIN).ok).toBe(true);
    expect(decideAssessment({ status: 'in_review', managerUserId: MANAGER.userId, adjustmentBound: 10 }, action, MANAGER).ok).toBe(true);
  });

  it('asked before the assessment is known, an admin could still review some department', () => {
    expect(mayDo('adjust', ADMIN)).toBe(true);
    expect(mayDo('adjust', ADMIN, { managerUserId: MANAGER.userId })).toBe(false);
    expect(mayDo('adjust', ADMIN, { managerUserId: null })).toBe(true);
  });
});

describe('nobody decides on an assessment that holds their own result', () => {
  it.each([{ type: 'approve' } as const, { type: 'reject', reason: '分布不合理' } as const])('%o: the HR user in it is refused, another HR user decides', (action) => {
    const own = decideAssessment(pending(), action, HR_IN_IT);
    expect(own).toMatchObject({ ok: false, problem: { code: 'FORBIDDEN', key: 'assessment.problem.ownAssessment' } });
    if (!own.ok) expect(translateProblem('zh', own.problem)).toContain('本人');
    expect(decideAssessment(pending(), action, OTHER_HR).ok).toBe(true);
  });

  it('an admin decides only when no HR user outside it can, and never on their own result', () => {
    expect(decideAssessment(pending(), { type: 'approve' }, ADMIN)).toMatchObject({ ok: false, problem: { key: 'assessment.problem.decideForbidden' } });
    expect(decideAssessment(pending({ hrCanDecide: false }), { type: 'approve' }, ADMIN)).toMatchObject({ ok: true, to: 'approved' });
    expect(decideAssessment(pending({ hrCanDecide: false }), { type: 'approve' }, ADMIN_IN_IT)).toMatchObject({ ok: false, problem: { key: 'assessment.problem.ownAssessment' } });
    expect(decideAssessment(pending({ hrCanDecide: false }), { type: 'approve' }, MANAGER)).toMatchObject({ ok: false, problem: { code: 'FORBIDDEN' } });
  });

  it('asked before the assessment is known, HR and admins could decide some assessment; reps could not', () => {
    expect([mayDo('decide', OTHER_HR), mayDo('decide', ADMIN), mayDo('decide', MANAGER)]).toEqual([true, true, false]);
    expect(permissionProblem('decide', HR_IN_IT, { managerUserId: 10, assessedUserIds: [HR_IN_IT.userId] })?.key).toBe('assessment.problem.ownAssessment');
  });

  it.each([
    ['HR outside it decide; the HR user in it stands aside', [REP, 30], [30, 31], [40], { userIds: [31], by: 'hr', recusedHrUserIds: [30] }],
    ['every HR user in it: the admins not in it decide', [REP, 30, 41], [30], [40, 41], { userIds: [40], by: 'admin', recusedHrUserIds: [30] }],
    ['no HR user at all: the admins decide', [REP], [], [40], { userIds: [40], by: 'admin', recusedHrUserIds: [] }],
    ['the usual case: every HR user', [REP], [30, 31], [40], { userIds: [30, 31], by: 'hr', recusedHrUserIds: [] }],
  ] as const)('%s', (_, assessed, hr, admins, expected) => {
    expect(decidersOf(assessed, hr, admins)).toEqual(expected);
  });
});

describe('the adjustment bound applies to the rep’s total across steps', () => {
  const NOW = Date.parse('2026-12-02T10:00:00+08:00');
  const appealed = (adjustedSoFar: number) => ({ status: 'appealed' as const, repUserId: REP, managerUserId: MANAGER.userId, windowEndsAt: NOW + 1, adjustmentBound: 10, adjustedSoFar });
  const resolve = (points: number): ResultAction => ({ type: 'resolve-appeal', outcome: 'adjust', points, reason: '补录回款' });

  it('+5 at review, then +10 on appeal is refused, saying what is left; +5 is allowed', () => {
    const refused = decideResult(appealed(5), resolve(10), MANAGER, NOW);
    expect(refused).toMatchObject({ ok: false, problem: { code: 'VALIDATION_FAILED', key: 'assessment.problem.boundTotal', params: { bound: 10, left: '+5' } } });
    if (!refused.ok) {
      expect(translateProblem('zh', refused.problem)).toBe('累计调整不能超过 ±10 分（已调整 +5），本次最多还可 +5');
      expect(translateProblem('en', refused.problem)).toContain('at most +5 more');
    }
    expect(decideResult(appealed(5), resolve(5), MANAGER, NOW)).toMatchObject({ ok: true, to: 'appeal_resolved' });
  });

  it.each([
    [5, -15, true],
    [5, -15.01, false],
    [2.5, 7.5, true],
    [-10, -0.01, false],
    [0, 10, true],
    [0, 10.01, false],
  ])('already %s, then %s: allowed %s', (soFar, points, allowed) => {
    expect(decideResult(appealed(soFar), resolve(points), OTHER_HR, NOW).ok).toBe(allowed);
  });

  it('the way down is counted too: already +5 leaves at most -15', () => {
    expect(decideResult(appealed(5), resolve(-16), OTHER_HR, NOW)).toMatchObject({ ok: false, problem: { params: { left: '-15' } } });
  });

  it('a review adjustment counts what appeals already added (its own earlier adjustment is replaced)', () => {
    const facts = { status: 'in_review' as const, managerUserId: MANAGER.userId, adjustmentBound: 10, adjustedSoFar: 4 };
    expect(decideAssessment(facts, { type: 'adjust', repUserId: REP, points: 7, reason: '大客户攻坚' }, MANAGER)).toMatchObject({ ok: false, problem: { params: { left: '+6' } } });
    expect(decideAssessment(facts, { type: 'adjust', repUserId: REP, points: 6, reason: '大客户攻坚' }, MANAGER).ok).toBe(true);
  });
});
