import { describe, expect, it } from 'vitest';
import { centiText, finalResult, parsePointsToCenti } from '../../../../src/domain/assessment/frozen-scorecard.js';
import { DEFAULT_GRADE_BANDS } from '../../../../src/domain/kpi/template.js';

describe('points typed on a card', () => {
  it.each([
    ['+3', 300],
    ['-2.5', -250],
    ['0', 0],
    ['１', null],
    ['3.125', null],
    ['abc', null],
    ['', null],
    ['－4', -400],
  ])('%s → %s hundredths', (text, centi) => {
    expect(parsePointsToCenti(text)).toBe(centi);
  });
});

describe('final result after an adjustment', () => {
  const frozen = { gradeBands: DEFAULT_GRADE_BANDS, totalRange: { min: 0, max: 120 } };
  it('re-grades the adjusted total by the template bands', () => {
    const bandA = DEFAULT_GRADE_BANDS.find((b) => b.grade === 'A')!;
    const justBelow = Math.round(bandA.min * 100) - 100;
    expect(finalResult(justBelow, 100, frozen)).toEqual({ centi: justBelow + 100, grade: 'A' });
    expect(finalResult(justBelow, 0, frozen).grade).not.toBe('A');
  });
  it('clamps into the template range and keeps an unscored total unscored', () => {
    expect(finalResult(500, -1000, frozen).centi).toBe(0);
    expect(finalResult(11_800, 500, frozen).centi).toBe(12_000);
    expect(finalResult(null, 300, frozen)).toEqual({ centi: null, grade: null });
  });
  it('shows hundredths as people write points', () => {
    expect([centiText(8360), centiText(6500), centiText(-250), centiText(5), centiText(null)]).toEqual(['83.6', '65', '-2.5', '0.05', '—']);
  });
});
