import { describe, expect, it } from 'vitest';
import { checkDistribution, shareText } from '../../../../src/domain/kpi/distribution.js';
import { rankEntries, rankWithinGroups, type RankEntry } from '../../../../src/domain/kpi/ranking.js';
import { ratFromDecimal } from '../../../../src/domain/kpi/rational.js';

const entry = (employeeNo: string, total: string | null, primary: string | null = null, team = 1): RankEntry & { team: number } => ({
  userId: Number(employeeNo.slice(1)),
  employeeNo,
  total: total === null ? null : ratFromDecimal(total),
  primaryScore: primary === null ? null : ratFromDecimal(primary),
  team,
});

describe('ranking', () => {
  it('orders by total, breaks ties on the primary line, then shares the rank', () => {
    const ranked = rankEntries([
      entry('S105', '80', '70'),
      entry('S101', '92.5', '90'),
      entry('S104', '80', '70'),
      entry('S102', '80', '95'), // same total, better primary line → ahead of S104/S105
      entry('S103', null), // no total: last, unranked
      entry('S106', '60', null),
    ]);
    expect(ranked.map((r) => [r.entry.employeeNo, r.rank, r.tied])).toEqual([
      ['S101', 1, false],
      ['S102', 2, false],
      ['S104', 3, true], // fully tied: same rank, listed by employee number
      ['S105', 3, true],
      ['S106', 5, false], // competition ranking: 1, 2, 3, 3, 5
      ['S103', null, false],
    ]);
    expect(ranked.every((r) => r.of === 5)).toBe(true);
  });

  it('treats "no data" on the primary line as lowest in a tie', () => {
    const ranked = rankEntries([entry('S1', '75', null), entry('S2', '75', '0')]);
    expect(ranked.map((r) => [r.entry.employeeNo, r.rank])).toEqual([
      ['S2', 1],
      ['S1', 2],
    ]);
  });

  it('compares exact totals, not floats', () => {
    const ranked = rankEntries([entry('S1', '83.6'), entry('S2', '83.60')]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('ranks within each team separately', () => {
    const groups = rankWithinGroups([entry('S1', '70', null, 1), entry('S2', '90', null, 2), entry('S3', '80', null, 1)], (e) => e.team);
    expect(groups.get(1)?.map((r) => [r.entry.employeeNo, r.rank])).toEqual([
      ['S3', 1],
      ['S1', 2],
    ]);
    expect(groups.get(2)?.map((r) => r.rank)).toEqual([1]);
  });
});

describe('forced distribution check', () => {
  it('flags too many S and too few D without changing any grade', () => {
    // 20 graded reps: S ≤ 10% allows floor(2) = 2; D ≥ 5% requires ceil(1) = 1.
    const grades = ['S', 'S', 'S', ...Array<string>(17).fill('B'), null];
    const before = [...grades];
    const report = checkDistribution(grades);
    expect(report.total).toBe(20);
    expect(report.ok).toBe(false);
    expect(report.flags).toEqual([
      { grade: 'S', kind: 'max', percent: 10, count: 3, limit: 2, ok: false, allowed: 2, excess: 1 },
      { grade: 'D', kind: 'min', percent: 5, count: 0, limit: 1, ok: false, allowed: 1, excess: 1 },
    ]);
    expect(grades).toEqual(before);
  });

  it('rounds the allowed counts the stated way for 10 or more (max: floor, min: ceil)', () => {
    // 25 reps: 10% = 2.5 → at most 2 S; 5% = 1.25 → at least 2 D.
    const ok = checkDistribution(['S', 'S', 'D', 'D', ...Array<string>(21).fill('B')]);
    expect(ok.ok).toBe(true);
    const short = checkDistribution(['S', 'S', 'D', ...Array<string>(22).fill('B')]);
    expect(short.flags).toEqual([{ grade: 'D', kind: 'min', percent: 5, count: 1, limit: 2, ok: false, allowed: 2, excess: 1 }]);
  });

  it('passes an empty group and formats shares', () => {
    expect(checkDistribution([]).ok).toBe(true);
    expect(shareText(1, 3)).toBe('33.3%');
    expect(shareText(0, 0)).toBe('—');
  });
});

describe('ranking counts only reps with data', () => {
  it('a rep with a total but nothing recorded is listed apart, unranked, and not counted in "of"', () => {
    const ranked = rankEntries([
      { ...entry('S103', '0'), hasData: false },
      { ...entry('S101', '81.35'), hasData: true },
      { ...entry('S104', '0'), hasData: false },
      entry('S102', '118.5'), // hasData absent: counts
      { ...entry('S105', '0'), hasData: true }, // recorded something and scored 0: ranked
    ]);
    expect(ranked.map((r) => [r.entry.employeeNo, r.rank, r.of])).toEqual([
      ['S102', 1, 3],
      ['S101', 2, 3],
      ['S105', 3, 3],
      ['S103', null, 3],
      ['S104', null, 3],
    ]);
  });
});
