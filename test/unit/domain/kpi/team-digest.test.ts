import { describe, expect, it } from 'vitest';
import { DEFAULT_SALES_TEMPLATE } from '../../../../src/domain/kpi/default-template.js';
import { emptyMeasures } from '../../../../src/domain/kpi/measures.js';
import { mul, rat, toDecimalString, type Rational } from '../../../../src/domain/kpi/rational.js';
import { computeScorecard } from '../../../../src/domain/kpi/scorecard.js';
import { moveKindOf, repGaps, teamLineTotals } from '../../../../src/domain/kpi/team-digest.js';
import { parsePeriodKey } from '../../../../src/domain/period.js';

const november = parsePeriodKey('2026-11')!;
const card = (paymentsFen: number, revenueWonFen: number) => computeScorecard({ content: DEFAULT_SALES_TEMPLATE, period: november, measures: { ...emptyMeasures(), paymentsFen, revenueWonFen } });
const yuan = (fen: Rational) => toDecimalString(mul(fen, rat(1, 100)), 2);

describe('the manager digest’s team totals and gaps', () => {
  // Two reps, each 10万 回款 and 15万 签约 a month: the team's targets are 20万 and 30万.
  const zhang = { userId: 1, name: '张三', scorecard: card(8_000_000, 15_000_000) };
  const li = { userId: 2, name: '李四', scorecard: card(1_000_000, 0) };

  it.each([
    // [days gone by of 30, 回款 pace, expected 回款 (元)]: 9万 collected against 20万 × elapsed/30.
    [1, 'ahead', '6666.67'],
    [13, 'ahead', '86666.67'],
    [14, 'behind', '93333.33'],
    [30, 'behind', '200000'],
  ] as const)('on day %i of 30 the team’s 回款 is %s of pace (expected %s 元)', (elapsedDays, status, expected) => {
    const [payments, revenue] = teamLineTotals([zhang.scorecard, li.scorecard], { elapsedDays, periodDays: 30 });
    expect(yuan(payments!.actual)).toBe('90000');
    expect(yuan(payments!.target)).toBe('200000');
    expect(payments!.pace).toMatchObject({ status });
    expect(yuan(payments!.pace!.expected)).toBe(expected);
    expect(yuan(revenue!.target)).toBe('300000');
  });

  it('lists reps furthest behind first, with each line’s gap (zero once met)', () => {
    const gaps = repGaps([zhang, li]);
    expect(gaps.map((g) => g.name)).toEqual(['李四', '张三']);
    expect(gaps[0]!.gaps.map((g) => [g.indicator.key, yuan(g.gap)])).toEqual([['payments_collected', '90000'], ['revenue_won', '150000']]);
    expect(gaps[1]!.gaps.map((g) => [g.indicator.key, yuan(g.gap)])).toEqual([['payments_collected', '20000'], ['revenue_won', '0']]);
  });

  it.each([
    [null, 'lead', 'created'],
    [null, 'won', 'won'],
    ['lead', 'proposal', 'advanced'],
    ['negotiation', 'qualified', 'advanced'],
    ['negotiation', 'won', 'won'],
    ['proposal', 'lost', 'lost'],
  ] as const)('a change %s → %s is pipeline movement "%s"', (from, to, kind) => {
    expect(moveKindOf(from, to)).toBe(kind);
  });
});
