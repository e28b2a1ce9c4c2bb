import { describe, expect, it } from 'vitest';
import { reviewGroups, type OrgDepartment } from '../../../../src/domain/assessment/review-groups.js';
import { reviewChanges } from '../../../../src/domain/assessment/review-changes.js';
import { mayDo } from '../../../../src/domain/assessment/permissions.js';

// 销售部 (1, led by 100) → 华东一组 (2, led by 200); 人力资源部 (3, led by 300, no level up).
const ORG = new Map<number, OrgDepartment>([
  [1, { id: 1, parentId: null, leaderUserId: 100 }],
  [2, { id: 2, parentId: 1, leaderUserId: 200 }],
  [3, { id: 3, parentId: null, leaderUserId: 300 }],
  [4, { id: 4, parentId: 1, leaderUserId: null }],
]);

describe('review groups', () => {
  it.each([
    ['a rep is reviewed in their team by its leader', [{ userId: 201, departmentId: 2 }], [{ departmentId: 2, managerUserId: 200, userIds: [201] }]],
    ['a team leader one level up', [{ userId: 200, departmentId: 2 }], [{ departmentId: 1, managerUserId: 100, userIds: [200] }]],
    ['a leader with no level up by HR', [{ userId: 300, departmentId: 3 }], [{ departmentId: 3, managerUserId: null, userIds: [300] }]],
    ['a leaderless team by HR', [{ userId: 401, departmentId: 4 }], [{ departmentId: 4, managerUserId: null, userIds: [401] }]],
  ] as const)('%s', (_, reps, expected) => {
    expect(reviewGroups(reps, ORG)).toEqual(expected);
  });

  it('nobody is ever the reviewer of a group holding their own result', () => {
    const reps = [100, 200, 201, 300].map((userId) => ({ userId, departmentId: userId === 100 ? 1 : userId === 300 ? 3 : 2 }));
    for (const group of reviewGroups(reps, ORG)) expect(group.userIds).not.toContain(group.managerUserId);
  });

  it.each([
    ['HR outside it reviews', { userId: 30, roles: ['hr'] as const }, [1], true],
    ['HR in it does not', { userId: 30, roles: ['hr'] as const }, [30], false],
    ['a manager does not', { userId: 20, roles: ['manager'] as const }, [1], false],
  ])('a group without a manager: %s', (_, actor, assessedUserIds, allowed) => {
    expect(mayDo('adjust', actor, { managerUserId: null, assessedUserIds })).toBe(allowed);
  });
});

describe('review changes', () => {
  const r = (userId: number, finalCenti: number, reason: string | null = null) => ({ userId, finalCenti, adjustmentCenti: 0, reason });
  it.each([
    ['the first round shows none', null, [r(1, 8000)], []],
    ['unchanged reps are left out', [r(1, 8000), r(2, 7000)], [r(1, 8000), r(2, 7200, '补充')], [{ userId: 2, beforeCenti: 7000, afterCenti: 7200, beforeReason: null, afterReason: '补充' }]],
    ['a changed reason alone counts', [r(1, 8000, '甲')], [r(1, 8000, '乙')], [{ userId: 1, beforeCenti: 8000, afterCenti: 8000, beforeReason: '甲', afterReason: '乙' }]],
  ] as const)('%s', (_, before, after, expected) => {
    expect(reviewChanges(before, after)).toEqual(expected);
  });
});
