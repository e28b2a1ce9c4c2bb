import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS, indicatorOf, type IndicatorKey } from '../../../../src/domain/kpi/indicators.js';
import { addMeasures, emptyMeasures, type RepMeasures } from '../../../../src/domain/kpi/measures.js';
import { rat, toDecimalString, type Rational } from '../../../../src/domain/kpi/rational.js';
import { t } from '../../../../src/i18n/index.js';

/** One rep's month, chosen so every indicator has a different, checkable value. */
const month: RepMeasures = {
  ...emptyMeasures(),
  visits: 42,
  customersVisited: 17,
  newCustomers: 6,
  newCustomersBySalesChannel: { referral: 4, exhibition: 2 },
  opportunitiesCreated: 9,
  dealsWon: 3,
  dealsLost: 5,
  revenueWonFen: 12_000_000, // 12万元
  paymentsFen: 9_000_000, // 9万元
  satisfactionSum: 43,
  satisfactionCount: 10,
  complaints: 4,
  complaintsRespondedIn24h: 3,
  complaintsUnresolved: 1,
  trainingMinutes: 150,
  completenessFilled: 171,
  completenessRequired: 180,
};

const value = (key: IndicatorKey, measures: RepMeasures, salesChannel?: string): Rational | null => indicatorOf(key).compute(measures, { salesChannel });
const exact = (r: Rational | null) => (r === null ? null : toDecimalString(r, 6));

describe('indicator library', () => {
  it.each<[IndicatorKey, string | undefined, string]>([
    ['visits', undefined, '42'],
    ['customers_visited', undefined, '17'],
    ['new_customers', undefined, '6'],
    ['opportunities_created', undefined, '9'],
    ['deals_won', undefined, '3'],
    ['revenue_won', undefined, '12000000'],
    ['payments_collected', undefined, '9000000'],
    ['collection_rate', undefined, '0.75'], // 9万 ÷ 12万
    ['conversion_rate', undefined, '0.375'], // 3 ÷ (3 + 5)
    ['average_deal_size', undefined, '4000000'], // 12万 ÷ 3 = 4万
    ['average_satisfaction', undefined, '4.3'], // 43 ÷ 10
    ['complaints', undefined, '4'],
    ['complaints_unresolved', undefined, '1'],
    ['complaint_response_24h_rate', undefined, '0.75'], // 3 ÷ 4
    ['training_hours', undefined, '2.5'], // 150 min ÷ 60
    ['data_completeness', undefined, '0.95'], // 171 ÷ 180
    ['new_customers_by_channel', 'referral', '4'],
    ['new_customers_by_channel', 'exhibition', '2'],
    ['new_customers_by_channel', 'phone', '0'],
  ])('%s (%s) = %s', (key, salesChannel, expected) => {
    expect(exact(value(key, month, salesChannel))).toBe(expected);
  });

  it('covers every key with zh and en names, a unit and a formula', () => {
    for (const key of INDICATOR_KEYS) {
      const d = indicatorOf(key);
      expect(t('zh', d.name)).toMatch(/[\u4e00-\u9fff]/);
      expect(t('en', d.name)).toMatch(/[A-Za-z]/);
      expect(t('zh', d.formula).length).toBeGreaterThan(4);
    }
  });

  it.each<IndicatorKey>(['collection_rate', 'conversion_rate', 'average_deal_size', 'average_satisfaction', 'complaint_response_24h_rate', 'data_completeness'])(
    '%s is "no data" (null, not 0 or 100%%) without a denominator',
    (key) => {
      expect(value(key, emptyMeasures())).toBeNull();
    },
  );

  it.each<IndicatorKey>(['visits', 'revenue_won', 'payments_collected', 'training_hours', 'complaints'])('%s is 0 (not "no data") when nothing was recorded', (key) => {
    expect(value(key, emptyMeasures())).toEqual(rat(0));
  });

  it('computes team ratios as ratios of sums, never sums or averages of ratios', () => {
    // Rep A: 1 won of 1 closed (100%); rep B: 1 won of 9 closed (11.1%). Averaging rates gives 55.6%;
    // the team really won 2 of 10 = 20%.
    const a = { ...emptyMeasures(), dealsWon: 1, dealsLost: 0, paymentsFen: 100, revenueWonFen: 100 };
    const b = { ...emptyMeasures(), dealsWon: 1, dealsLost: 8, paymentsFen: 0, revenueWonFen: 900 };
    const team = addMeasures(a, b);
    expect(exact(value('conversion_rate', team))).toBe('0.2');
    expect(exact(value('collection_rate', team))).toBe('0.1'); // 100 ÷ 1000, not (100% + 0%) ÷ 2
  });

  it('adds channel counts across reps', () => {
    const team = addMeasures(month, { ...emptyMeasures(), newCustomers: 1, newCustomersBySalesChannel: { phone: 1, referral: 1 } });
    expect(team.newCustomersBySalesChannel).toEqual({ referral: 5, exhibition: 2, phone: 1 });
    expect(team.newCustomers).toBe(7);
  });

  it('says which direction is better and which indicators add up over time', () => {
    expect(indicatorOf('complaints').direction).toBe('lower');
    expect(indicatorOf('payments_collected').direction).toBe('higher');
    expect(indicatorOf('payments_collected').additive).toBe(true);
    expect(indicatorOf('collection_rate').additive).toBe(false);
  });
});
