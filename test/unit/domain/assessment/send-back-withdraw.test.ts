import { describe, expect, it } from 'vitest';
import { decideAssessment, type Actor, type AssessmentAction, type AssessmentFacts, type AssessmentStatus } from '../../../../src/domain/assessment/state-machine.js';
import { translateProblem } from '../../../../src/i18n/problem-text.js';

const MANAGER: Actor = { userId: 10, roles: ['manager', 'rep'] };
const OTHER_MANAGER: Actor = { userId: 20, roles: ['manager'] };
const HR: Actor = { userId: 30, roles: ['hr'] };
const ADMIN: Actor = { userId: 40, roles: ['admin'] };
const REP: Actor = { userId: 11, roles: ['rep'] };
const ACTORS = { MANAGER, OTHER_MANAGER, HR, ADMIN, REP } as const;

const ACTIONS = {
  sendBack: { type: 'send-back', repUserIds: [11], reason: '钱多多的调整缺少依据' },
  withdraw: { type: 'withdraw' },
} satisfies Record<string, AssessmentAction>;

const facts = (status: AssessmentStatus, extra: Partial<AssessmentFacts> = {}): AssessmentFacts => ({ status, managerUserId: 10, adjustmentBound: 10, assessedUserIds: [11, 12], hrCanDecide: true, ...extra });

/** Who may send back one person or withdraw a review, in which state: the next status or the refusal's key. */
const TABLE: [AssessmentStatus, keyof typeof ACTIONS, keyof typeof ACTORS, string][] = [
  ['pending_approval', 'sendBack', 'HR', 'in_review'],
  ['pending_approval', 'sendBack', 'MANAGER', 'assessment.problem.decideForbidden'],
  ['pending_approval', 'sendBack', 'OTHER_MANAGER', 'assessment.problem.decideForbidden'],
  ['pending_approval', 'sendBack', 'ADMIN', 'assessment.problem.decideForbidden'],
  ['pending_approval', 'sendBack', 'REP', 'assessment.problem.ownAssessment'],
  ['in_review', 'sendBack', 'HR', 'assessment.problem.notPending'],
  ['approved', 'sendBack', 'HR', 'assessment.problem.locked'],
  ['pending_approval', 'withdraw', 'MANAGER', 'in_review'],
  ['pending_approval', 'withdraw', 'HR', 'assessment.problem.submitForbidden'],
  ['pending_approval', 'withdraw', 'OTHER_MANAGER', 'assessment.problem.submitForbidden'],
  ['pending_approval', 'withdraw', 'ADMIN', 'assessment.problem.submitForbidden'],
  ['pending_approval', 'withdraw', 'REP', 'assessment.problem.submitForbidden'],
  ['in_review', 'withdraw', 'MANAGER', 'assessment.problem.withdrawNotPending'],
  ['approved', 'withdraw', 'MANAGER', 'assessment.problem.locked'],
];

describe('send back one person, withdraw a review', () => {
  it.each(TABLE)('%s: %s by %s → %s', (status, action, actor, expected) => {
    const decision = decideAssessment(facts(status), ACTIONS[action], ACTORS[actor]);
    expect(decision.ok ? decision.to : decision.problem.key).toBe(expected);
  });

  it('every (state, action, role) combination of the two is in the table', () => {
    const seen = new Set(TABLE.map(([s, a, r]) => `${s}/${a}/${r}`));
    const statuses: AssessmentStatus[] = ['in_review', 'pending_approval', 'approved'];
    const missing = statuses.flatMap((s) => Object.keys(ACTIONS).flatMap((a) => Object.keys(ACTORS).map((r) => `${s}/${a}/${r}`))).filter((k) => !seen.has(k));
    // Outside pending_approval the state refuses before the role matters for HR/MANAGER; the rest are refused by role.
    for (const key of missing) {
      const [s, a, r] = key.split('/') as [AssessmentStatus, keyof typeof ACTIONS, keyof typeof ACTORS];
      expect(decideAssessment(facts(s), ACTIONS[a], ACTORS[r]).ok, key).toBe(false);
    }
  });

  it.each([
    ['nobody', [], 'assessment.problem.notInAssessment'],
    ['someone not in it', [99], 'assessment.problem.notInAssessment'],
  ] as const)('a send-back of %s is refused', (_, repUserIds, key) => {
    const decision = decideAssessment(facts('pending_approval'), { type: 'send-back', repUserIds, reason: '理由充分的意见' }, HR);
    expect(decision.ok ? null : decision.problem).toMatchObject({ code: 'VALIDATION_FAILED', key });
  });

  it('a send-back needs a comment, in the reader’s language', () => {
    const decision = decideAssessment(facts('pending_approval'), { type: 'send-back', repUserIds: [11], reason: ' ' }, HR);
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(translateProblem('zh', decision.problem)).toContain('退回必须填写意见');
      expect(translateProblem('en', decision.problem)).toContain('comment');
    }
  });

  it('HR in the assessment cannot send back their own department', () => {
    const decision = decideAssessment(facts('pending_approval', { assessedUserIds: [11, 30] }), ACTIONS.sendBack, HR);
    expect(decision.ok ? null : decision.problem.key).toBe('assessment.problem.ownAssessment');
  });

  it.each([
    [11, 'in_review'],
    [12, 'assessment.problem.notSentBack'],
  ] as const)('after a send-back of rep 11 the manager adjusts rep %i → %s', (repUserId, expected) => {
    const decision = decideAssessment(facts('in_review', { reopenedUserIds: [11] }), { type: 'adjust', repUserId, points: 2, reason: '补充依据' }, MANAGER);
    expect(decision.ok ? decision.to : decision.problem.key).toBe(expected);
  });
});
