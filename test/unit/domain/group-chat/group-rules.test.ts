import { describe, expect, it } from 'vitest';
import { departmentAndBelow, maskCustomerName, mayManageGroupFor, medianTotal, teamPostRows } from '../../../../src/domain/group-chat/group-rules.js';
import { rankEntries } from '../../../../src/domain/kpi/ranking.js';
import { rat, toDecimalString } from '../../../../src/domain/kpi/rational.js';

const rep = (userId: number, total: number | null, hasData = true) => ({ userId, employeeNo: `S${100 + userId}`, total: total === null ? null : rat(total), primaryScore: null, hasData });

describe('the weekly team post shows no one below N and no one below the team median', () => {
  it('six reps, top 5: the 4th–6th are below the median and left out', () => {
    const ranked = rankEntries([rep(1, 90), rep(2, 80), rep(3, 70), rep(4, 60), rep(5, 50), rep(6, 40)]);
    expect(toDecimalString(medianTotal(ranked.map((r) => r.entry)) as never, 2)).toBe('65');
    expect(teamPostRows(ranked, 5).map((r) => [r.rank, r.entry.userId])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('top 2 of a team all at the median: only ranks 1 and 2, ties included', () => {
    const ranked = rankEntries([rep(1, 70), rep(2, 70), rep(3, 70), rep(4, 70)]);
    expect(teamPostRows(ranked, 2).map((r) => r.rank)).toEqual([1, 1, 1, 1]);
    const spread = rankEntries([rep(1, 99), rep(2, 98), rep(3, 97), rep(4, 10), rep(5, 9)]);
    expect(teamPostRows(spread, 2).map((r) => r.entry.userId)).toEqual([1, 2]);
  });

  it('reps without data neither count for the median nor appear', () => {
    const ranked = rankEntries([rep(1, 50), rep(2, 0, false), rep(3, null), rep(4, 40)]);
    expect(toDecimalString(medianTotal(ranked.map((r) => r.entry)) as never, 2)).toBe('45');
    expect(teamPostRows(ranked, 5).map((r) => r.entry.userId)).toEqual([1]);
    expect(teamPostRows(rankEntries([rep(1, null)]), 5)).toEqual([]);
  });
});

describe('who may bind a group to a department', () => {
  const departments = [
    { id: 1, parentId: null, leaderUserId: 10 },
    { id: 2, parentId: 1, leaderUserId: 20 },
    { id: 3, parentId: 1, leaderUserId: 30 },
  ];
  it('the department’s manager, a manager above it, or an admin; not a rep nor another team’s manager', () => {
    expect(mayManageGroupFor({ id: 20, roles: ['manager', 'rep'] }, 2, departments)).toBe(true);
    expect(mayManageGroupFor({ id: 10, roles: ['manager'] }, 2, departments)).toBe(true);
    expect(mayManageGroupFor({ id: 99, roles: ['admin'] }, 2, departments)).toBe(true);
    expect(mayManageGroupFor({ id: 30, roles: ['manager'] }, 2, departments)).toBe(false);
    expect(mayManageGroupFor({ id: 20, roles: ['rep'] }, 2, departments)).toBe(false);
  });

  it('a department covers those below it', () => {
    expect([...departmentAndBelow(1, departments)].sort()).toEqual([1, 2, 3]);
    expect([...departmentAndBelow(3, departments)]).toEqual([3]);
  });
});

describe('a confidential customer in a 喜报', () => {
  it('keeps only the first character', () => {
    expect(maskCustomerName('华为技术有限公司')).toBe('华***');
    expect(maskCustomerName(' 𠮷野家 ')).toBe('𠮷***');
  });
});
