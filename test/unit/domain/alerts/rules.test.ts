import { describe, expect, it } from 'vitest';
import { isPastMidMonth, monthSharePassed, paceAchievement, streakCrossingDate, workingDaysBetween } from '../../../../src/domain/alerts/rules.js';
import { rat, toDecimalString } from '../../../../src/domain/kpi/rational.js';

describe('alert rules (pure)', () => {
  it.each([
    ['2026-11-23', 3, '2026-11-26'], // Monday + 3 working days = Thursday
    ['2026-11-26', 3, '2026-12-01'], // Thursday: Fri, Mon, Tue
    ['2026-11-28', 1, '2026-11-30'], // a Saturday visit: Monday is the first working day after it
  ])('a last visit on %s reaches %i working days on %s', (last, n, expected) => {
    expect(streakCrossingDate(last, n)).toBe(expected);
  });

  it('counts working days after a date up to and including another', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-27')).toBe(4);
    expect(workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(workingDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
  });

  it('the middle of the month is passed from the 16th', () => {
    expect(isPastMidMonth('2026-11-15')).toBe(false);
    expect(isPastMidMonth('2026-11-16')).toBe(true);
  });

  it('pace achievement compares with the share of the month gone', () => {
    // 3万 of 10万 by day 27 of 30: expected 9万, achieved 1/3.
    expect(toDecimalString(paceAchievement(rat(3_000_000), rat(10_000_000), 27, 30)!, 4)).toBe('0.3333');
    expect(paceAchievement(rat(5), rat(0), 27, 30)).toBeNull();
  });
});

describe('monthSharePassed: the completeness alert waits for a share of the month', () => {
  it.each([
    ['2026-03-01', 25, false],
    ['2026-03-02', 25, false],
    ['2026-03-07', 25, false], // 7/31 = 22.6%
    ['2026-03-08', 25, true], // 8/31 = 25.8%
    ['2026-02-07', 25, true], // 7/28 = 25% exactly
    ['2028-02-29', 25, true],
    ['2028-02-29', 100, true],
    ['2026-12-31', 25, true],
    ['2026-12-31', 100, true],
    ['2026-12-30', 100, false],
    ['2026-03-01', 0, true],
  ] as const)('%s with %i%% → %s', (date, pct, expected) => {
    expect(monthSharePassed(date, pct)).toBe(expected);
  });
});
