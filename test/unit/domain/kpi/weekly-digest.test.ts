import { describe, expect, it } from 'vitest';
import { DEFAULT_SALES_TEMPLATE } from '../../../../src/domain/kpi/default-template.js';
import { emptyMeasures } from '../../../../src/domain/kpi/measures.js';
import { rat } from '../../../../src/domain/kpi/rational.js';
import { computeScorecard } from '../../../../src/domain/kpi/scorecard.js';
import { nextSteps, remainingText, trendOf } from '../../../../src/domain/kpi/weekly-digest.js';
import { parsePeriodKey } from '../../../../src/domain/period.js';
import { verifiedMeasures } from '../../../helpers/verified-measures.js';
import { say } from '../../../../src/i18n/phrase.js';

const november = parsePeriodKey('2026-11')!;

function monthCard(measures: Partial<ReturnType<typeof emptyMeasures>>) {
  return computeScorecard({ content: DEFAULT_SALES_TEMPLATE, period: november, measures: verifiedMeasures(measures) });
}

describe('weekly digest', () => {
  it('trend arrows compare with the week before, and say nothing without both weeks', () => {
    expect(trendOf(rat(9, 10), rat(1, 2))).toBe('↑');
    expect(trendOf(rat(1, 2), rat(9, 10))).toBe('↓');
    expect(trendOf(rat(1, 2), rat(1, 2))).toBe('→');
    expect(trendOf(rat(1, 2), null)).toBe('');
  });

  it('says the time left in weeks from a fortnight on, else in days', () => {
    expect(say('zh', remainingText(16))).toBe('剩 2 周');
    expect(say('zh', remainingText(13))).toBe('剩 13 天');
    expect(say('en', remainingText(16))).toBe('2 weeks left');
  });

  it('puts the primary line (回款) first, then the line furthest behind; amounts in 万', () => {
    const steps = nextSteps(monthCard({ paymentsFen: 8_200_000, revenueWonFen: 3_000_000, visits: 39, dealsWon: 1 }), 16);
    expect(steps.map((step) => say('zh', step))).toEqual(['本月回款额还差 1.8万，剩 2 周', '本月新增客户还差 8，剩 2 周']);
  });

  it('says so when every target is met, and nothing once the month is over', () => {
    const allMet = monthCard({ paymentsFen: 10_000_000, revenueWonFen: 15_000_000, visits: 40, newCustomers: 8, dealsWon: 3, opportunitiesCreated: 10 });
    expect(nextSteps(allMet, 5)).toEqual([{ key: 'weekly.next.allMet' }]);
    expect(nextSteps(monthCard({}), 0)).toEqual([]);
  });
});
