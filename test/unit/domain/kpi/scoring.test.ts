import { describe, expect, it } from 'vitest';
import { indicatorOf, type IndicatorKey } from '../../../../src/domain/kpi/indicators.js';
import { ONE, rat, ratFromDecimal, toDecimalString, type Rational } from '../../../../src/domain/kpi/rational.js';
import { scoreLine, type LineStatus } from '../../../../src/domain/kpi/scoring.js';
import { templateLineSchema, type LineRule } from '../../../../src/domain/kpi/template.js';

function score(indicator: IndicatorKey, rule: LineRule | Record<string, unknown>, actual: Rational | null, target: number | null, extra: Record<string, unknown> = {}, proration = ONE) {
  const line = templateLineSchema.parse({ id: 'l', indicator, weight: 10, target: target ?? undefined, rule, ...extra });
  const result = scoreLine({ line, indicator: indicatorOf(indicator), actual, target: target === null ? null : ratFromDecimal(target), proration });
  return {
    status: result.status,
    points: result.points === null ? null : toDecimalString(result.points, 4),
    achievement: result.achievement === null ? null : toDecimalString(result.achievement, 4),
    counted: result.counted,
  };
}

const linear = (cap = 1.2, gate?: number) => ({ kind: 'linear', cap, ...(gate === undefined ? {} : { gate }) });

describe('linear rule', () => {
  it.each<[string, IndicatorKey, ReturnType<typeof linear>, Rational | null, number | null, LineStatus, string | null, string | null, boolean]>([
    // name, indicator, rule, actual, target, status, points, achievement, counted
    ['on target', 'visits', linear(), rat(40), 40, 'scored', '100', '1', true],
    ['82% of the payment target', 'payments_collected', linear(), rat(8_200_000), 10_000_000, 'scored', '82', '0.82', true],
    ['zero actual', 'visits', linear(), rat(0), 40, 'scored', '0', '0', true],
    ['zero target (higher is better): left out', 'visits', linear(), rat(12), 0, 'no-target', null, null, false],
    ['zero target and zero actual: left out', 'visits', linear(), rat(0), 0, 'no-target', null, null, false],
    ['no target set: left out', 'visits', linear(), rat(12), null, 'no-target', null, null, false],
    ['cap exceeded: 150% scores the 120% cap', 'visits', linear(1.2), rat(60), 40, 'capped', '120', '1.5', true],
    ['exactly at the cap is not capped', 'visits', linear(1.2), rat(48), 40, 'scored', '120', '1.2', true],
    ['cap 150%', 'new_customers', linear(1.5), rat(20), 8, 'capped', '150', '2.5', true],
    ['gate exactly met scores normally', 'payments_collected', linear(1.2, 0.6), rat(6_000_000), 10_000_000, 'scored', '60', '0.6', true],
    ['one fen below the gate scores 0', 'payments_collected', linear(1.2, 0.6), rat(5_999_999), 10_000_000, 'gated', '0', '0.6', true],
    ['lower is better: on target', 'complaints', linear(), rat(2), 2, 'scored', '100', '1', true],
    ['lower is better: half the target is 200%, capped', 'complaints', linear(), rat(2), 4, 'capped', '120', '2', true],
    ['lower is better: double the target', 'complaints', linear(), rat(4), 2, 'scored', '50', '0.5', true],
    ['lower is better with zero actual: best possible, scores the cap', 'complaints', linear(1.2), rat(0), 2, 'best-possible', '120', null, true],
    ['lower is better, zero target, zero actual: best possible', 'complaints', linear(1.2), rat(0), 0, 'best-possible', '120', null, true],
    ['lower is better, zero target, some actual: 0', 'complaints', linear(), rat(3), 0, 'scored', '0', '0', true],
    ['a ratio against a ratio target', 'conversion_rate', linear(), rat(3, 8), 0.3, 'capped', '120', '1.25', true],
    ['a third is kept exact', 'visits', linear(), rat(10), 30, 'scored', '33.3333', '0.3333', true],
  ])('%s', (_name, indicator, rule, actual, target, status, points, achievement, counted) => {
    expect(score(indicator, rule, actual, target)).toEqual({ status, points, achievement, counted });
  });

  it('leaves a line with no data out of Σ weights by default, or scores it 0 when told to', () => {
    expect(score('conversion_rate', linear(), null, 0.3)).toEqual({ status: 'no-data', points: null, achievement: null, counted: false });
    expect(score('conversion_rate', linear(), null, 0.3, { whenNoData: 'zero' })).toEqual({ status: 'no-data', points: '0', achievement: null, counted: true });
  });
});

describe('tiered rule', () => {
  // 回款 <1万 → 10, <2万 → 15, ≥2万 → 20 (the example), expressed as "from" thresholds in fen.
  const payments = { kind: 'tiered', basis: 'actual', tiers: [{ from: 0, points: 10 }, { from: 1_000_000, points: 15 }, { from: 2_000_000, points: 20 }] };
  it.each<[string, number, string]>([
    ['0元 → first tier', 0, '10'],
    ['9,999.99元 → first tier', 999_999, '10'],
    ['exactly 1万 → second tier', 1_000_000, '15'],
    ['1.99万 → second tier', 1_999_999, '15'],
    ['exactly 2万 → top tier', 2_000_000, '20'],
    ['50万 → top tier', 50_000_000, '20'],
  ])('%s', (_name, fen, points) => {
    expect(score('payments_collected', payments, rat(fen), null).points).toBe(points);
  });

  it('scores 0 below every tier', () => {
    const satisfaction = { kind: 'tiered', tiers: [{ from: 3.5, points: 60 }, { from: 4, points: 80 }] };
    expect(score('average_satisfaction', satisfaction, rat(34, 10), null)).toMatchObject({ status: 'below-tiers', points: '0', counted: true });
    expect(score('average_satisfaction', satisfaction, rat(4), null)).toMatchObject({ status: 'scored', points: '80' });
    expect(score('average_satisfaction', satisfaction, null, null)).toMatchObject({ status: 'no-data', counted: false });
  });

  it('reaches lower-is-better tiers from above (≤)', () => {
    const complaints = { kind: 'tiered', tiers: [{ from: 0, points: 100 }, { from: 2, points: 60 }, { from: 5, points: 20 }] };
    expect(score('complaints', complaints, rat(0), null).points).toBe('100');
    expect(score('complaints', complaints, rat(2), null).points).toBe('60');
    expect(score('complaints', complaints, rat(3), null).points).toBe('20');
    expect(score('complaints', complaints, rat(6), null)).toMatchObject({ status: 'below-tiers', points: '0' });
  });

  it('tiers on achievement compare actual ÷ target', () => {
    const onAchievement = { kind: 'tiered', basis: 'achievement', tiers: [{ from: 0.8, points: 60 }, { from: 1, points: 100 }] };
    expect(score('visits', onAchievement, rat(32), 40)).toMatchObject({ points: '60', achievement: '0.8' });
    expect(score('visits', onAchievement, rat(31), 40)).toMatchObject({ points: '0', status: 'below-tiers' });
    expect(score('visits', onAchievement, rat(45), 40)).toMatchObject({ points: '100' });
    expect(score('visits', onAchievement, rat(45), 0)).toMatchObject({ status: 'no-target', counted: false });
  });

  it('prorates thresholds on additive actual values for a part-period rep', () => {
    // Joined on the 10th of November: 21/30 of the month, so the 1万 threshold becomes 7,000元.
    const twentyOneThirtieths = rat(21, 30);
    expect(score('payments_collected', payments, rat(700_000), null, {}, twentyOneThirtieths).points).toBe('15');
    expect(score('payments_collected', payments, rat(699_999), null, {}, twentyOneThirtieths).points).toBe('10');
  });
});

describe('deduction and bonus rules', () => {
  const deduction = { kind: 'deduction', perUnit: 2, maxPoints: 10 };
  it.each<[number, string, LineStatus]>([
    [0, '0', 'scored'],
    [3, '6', 'scored'],
    [5, '10', 'scored'],
    [6, '10', 'capped'], // floored: never more than 10 points off
  ])('%i unresolved complaints take off %s points', (count, points, status) => {
    expect(score('complaints_unresolved', deduction, rat(count), null)).toMatchObject({ points, status, counted: false });
  });

  it('adds bonus points per unit up to the maximum', () => {
    const bonus = { kind: 'bonus', perUnit: 0.5, maxPoints: 3 };
    expect(score('training_hours', bonus, rat(150, 60), null).points).toBe('1.25');
    expect(score('training_hours', bonus, rat(10), null)).toMatchObject({ points: '3', status: 'capped' });
  });

  it('takes nothing off when there is no data', () => {
    expect(score('complaint_response_24h_rate', deduction, null, null)).toMatchObject({ status: 'no-data', points: '0' });
  });
});
