import { describe, expect, it } from 'vitest';
import { rat } from '../../../../src/domain/kpi/rational.js';
import { rankTeamWeek, remainingDaysOfMonth } from '../../../../src/domain/kpi/weekly-ranking.js';

const rep = (userId: number, name: string, total: number | null) => ({ userId, employeeNo: `S${userId}`, name, total: total === null ? null : rat(total), primaryScore: null });

/** The rank step of the weekly team card: moves since last week, month ranks, movers and no-visit names. */
describe('rankTeamWeek', () => {
  it('ranks the week, and reports each move, the biggest movers and who did not visit', () => {
    const ranking = rankTeamWeek({
      week: [rep(1, '张三', 90), rep(2, '李四', 80), rep(3, '王五', 70), rep(4, '赵六', null)],
      previous: [rep(1, '张三', 60), rep(2, '李四', 85), rep(3, '王五', 90)],
      month: [rep(1, '张三', 70), rep(2, '李四', 75)],
      visits: new Map([[1, 2], [2, 0]]),
    });
    expect(ranking.rows.map((r) => [r.week.entry.name, r.week.rank, r.delta, r.month?.rank ?? null, r.noVisits])).toEqual([
      ['张三', 1, 2, 2, false],
      ['李四', 2, 0, 1, true],
      ['王五', 3, -2, null, true],
      ['赵六', null, 0, null, true],
    ]);
    expect(ranking.moversUp).toEqual([{ name: '张三', delta: 2 }]);
    expect(ranking.moversDown).toEqual([{ name: '王五', delta: -2 }]);
    expect(ranking.noVisitNames).toEqual(['李四', '王五', '赵六']);
  });

  it('days left in the month: the whole month when the week ended before it began', () => {
    const december = { startDate: '2026-12-01', endDate: '2027-01-01', days: 31 };
    expect(remainingDaysOfMonth('2026-11-30', december)).toBe(31);
    expect(remainingDaysOfMonth('2026-12-07', december)).toBe(25);
  });
});
