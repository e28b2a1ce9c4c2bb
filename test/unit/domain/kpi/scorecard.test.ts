import { describe, expect, it } from 'vitest';
import { DEFAULT_SALES_TEMPLATE } from '../../../../src/domain/kpi/default-template.js';
import { explainLine, explainTotal } from '../../../../src/domain/kpi/explain.js';
import { sayAll } from '../../../../src/i18n/phrase.js';
import { emptyMeasures, type RepMeasures } from '../../../../src/domain/kpi/measures.js';
import { toDecimalString } from '../../../../src/domain/kpi/rational.js';
import { computeScorecard, type Scorecard } from '../../../../src/domain/kpi/scorecard.js';
import { templateContentSchema } from '../../../../src/domain/kpi/template.js';
import { parsePeriodKey } from '../../../../src/domain/period.js';

const november = parsePeriodKey('2026-11')!;

/**
 * The hand-worked template (the same shape as the shipped default, with a 60% gate on payments).
 * Weights 30 + 25 + 15 + 10 + 10 + 10 = 100.
 */
const handWorked = templateContentSchema.parse({
  name: '手算样例',
  periodType: 'month',
  lines: [
    { id: 'payments', indicator: 'payments_collected', weight: 30, target: 10_000_000, rule: { kind: 'linear', gate: 0.6, cap: 1.2 } },
    { id: 'revenue', indicator: 'revenue_won', weight: 25, target: 15_000_000, rule: { kind: 'linear', cap: 1.2 } },
    { id: 'visits', indicator: 'visits', weight: 15, target: 40, rule: { kind: 'linear', cap: 1.2 } },
    { id: 'new_customers', indicator: 'new_customers', weight: 10, target: 8, rule: { kind: 'linear', cap: 1.5 } },
    { id: 'conversion', indicator: 'conversion_rate', weight: 10, target: 0.3, rule: { kind: 'linear', cap: 1.2 } },
    { id: 'satisfaction', indicator: 'average_satisfaction', weight: 10, rule: { kind: 'tiered', tiers: [{ from: 3.5, points: 60 }, { from: 4, points: 80 }, { from: 4.5, points: 100 }] } },
    { id: 'complaints', indicator: 'complaints_unresolved', rule: { kind: 'deduction', perUnit: 2, maxPoints: 10 } },
    { id: 'training', indicator: 'training_hours', rule: { kind: 'bonus', perUnit: 0.5, maxPoints: 3 } },
  ],
});

const zhang: RepMeasures = {
  ...emptyMeasures(),
  paymentsFen: 8_200_000, // 8.2万
  revenueWonFen: 20_000_000, // 20万
  visits: 30,
  newCustomers: 2,
  dealsWon: 3,
  dealsLost: 7,
  satisfactionSum: 43,
  satisfactionCount: 10,
  complaintsUnresolved: 2,
  trainingMinutes: 150,
};

const fixed2 = (card: Scorecard) => (card.total === null ? null : toDecimalString(card.total, 2));
const contributions = (card: Scorecard) => Object.fromEntries(card.lines.map((l) => [l.line.id, toDecimalString(l.contribution, 4)]));

describe('scorecard: the hand-worked example', () => {
  it('matches the totals computed on paper', () => {
    /*
     * On paper (张三, November 2026, full month):
     *   回款额   8.2万 / 10万  = 82%      → 82 points  × 30/100 = 24.6
     *   签约额   20万 / 15万   = 133.3%   → capped at 120 × 25/100 = 30
     *   拜访次数 30 / 40       = 75%      → 75 × 15/100 = 11.25
     *   新增客户 2 / 8         = 25%      → 25 × 10/100 = 2.5
     *   赢单率   3/(3+7)=30% / 30% = 100% → 100 × 10/100 = 10
     *   满意度   43/10 = 4.3 → tier "≥ 4" → 80 × 10/100 = 8
     *   weighted = 24.6 + 30 + 11.25 + 2.5 + 10 + 8 = 86.35
     *   bonus: training 150 min = 2.5 h × 0.5 = +1.25
     *   deduction: 2 unresolved complaints × 2 = −4
     *   total = 86.35 + 1.25 − 4 = 83.6 → grade B (70 ≤ 83.6 < 85)
     */
    const card = computeScorecard({ content: handWorked, period: november, measures: zhang });
    expect(contributions(card)).toEqual({
      payments: '24.6',
      revenue: '30',
      visits: '11.25',
      new_customers: '2.5',
      conversion: '10',
      satisfaction: '8',
      complaints: '-4',
      training: '1.25',
    });
    expect(toDecimalString(card.weightedScore, 4)).toBe('86.35');
    expect(toDecimalString(card.bonus, 4)).toBe('1.25');
    expect(toDecimalString(card.deductions, 4)).toBe('4');
    expect(fixed2(card)).toBe('83.6');
    expect(card.grade).toBe('B');
    expect(card.proration).toBeNull();
  });

  it('explains each line in Chinese and English so the rep can redo the arithmetic', () => {
    const card = computeScorecard({ content: handWorked, period: november, measures: zhang });
    const zh = card.lines.map((l) => sayAll('zh', explainLine(l, card)));
    expect(zh[0]).toBe('回款额 8.2万 / 目标 10万 = 82%，得分 82 × 权重 30% = 24.6');
    expect(zh[1]).toBe('签约额 20万 / 目标 15万 = 133.3%，封顶 120%，得分 120 × 权重 25% = 30');
    expect(zh[5]).toBe('客户满意度 4.3 达到「≥ 4」档，得分 80 × 权重 10% = 8');
    expect(zh[6]).toBe('未解决投诉 2 × 每个扣 2 分 = 扣 4 分');
    expect(zh[7]).toBe('培训时长 2.5小时 × 每个加 0.5 分 = 加 1.25 分');
    expect(sayAll('zh', explainTotal(card, handWorked))).toBe('总分 = 加权得分 86.35 + 加分 1.25 − 扣分 4 = 83.6，等级 B');
    expect(sayAll('en', explainLine(card.lines[0]!, card))).toBe('Payments collected ¥82,000 / target ¥100,000 = 82%, score 82 × weight 30% = 24.6');
    expect(sayAll('en', explainTotal(card, handWorked))).toBe('Total = weighted score 86.35 + bonus 1.25 − deductions 4 = 83.6, grade B');
  });

  it('re-normalises the weights when a ratio line has no data', () => {
    /*
     * Same rep, but no deal was closed (won = lost = 0): 赢单率 has no denominator, so it is left out
     * and Σ weights = 90 (the other lines keep their values, to isolate the effect).
     *   (82×30 + 120×25 + 75×15 + 25×10 + 80×10) ÷ 90 = (2460 + 3000 + 1125 + 250 + 800) ÷ 90
     *   = 7635 ÷ 90 = 84.8333…
     *   total = 84.8333… + 1.25 − 4 = 82.0833… → 82.08 (half-up, 2 decimals) → B
     */
    const card = computeScorecard({ content: handWorked, period: november, measures: { ...zhang, dealsWon: 0, dealsLost: 0 } });
    const conversion = card.lines.find((l) => l.line.id === 'conversion')!;
    expect(conversion.status).toBe('no-data');
    expect(conversion.weightShare).toBeNull();
    expect(toDecimalString(card.lines[0]!.weightShare!, 6)).toBe('0.333333'); // 30 / 90
    expect(fixed2(card)).toBe('82.08');
    expect(card.grade).toBe('B');
    expect(sayAll('zh', explainLine(conversion, card))).toBe('赢单率 无数据（赢单数 ÷（赢单数 + 输单数）；本期无结案商机时为无数据），不计入总分');
  });

  it('gates the payment line and grades D', () => {
    /*
     * 回款 5.9万 / 10万 = 59% < 60% gate → 0 points; everything else at exactly 100% except the tiers:
     *   revenue 15万/15万 → 100 × .25 = 25; visits 40/40 → 15; new 8/8 → 10; conversion 3/10 → 10;
     *   satisfaction 3.4 → below 3.5 → 0.  weighted = 0 + 25 + 15 + 10 + 10 + 0 = 60
     *   deductions: 6 unresolved × 2 = 12 → floored at 10.  total = 60 − 10 = 50 → D
     */
    const card = computeScorecard({
      content: handWorked,
      period: november,
      measures: { ...zhang, paymentsFen: 5_900_000, revenueWonFen: 15_000_000, visits: 40, newCustomers: 8, satisfactionSum: 34, complaintsUnresolved: 6, trainingMinutes: 0 },
    });
    expect(card.lines[0]!.status).toBe('gated');
    expect(sayAll('zh', explainLine(card.lines[0]!, card))).toBe('回款额 5.9万 / 目标 10万 = 59%，低于门槛 60%，得分 0 × 权重 30% = 0');
    expect(toDecimalString(card.deductions, 2)).toBe('10');
    expect(fixed2(card)).toBe('50');
    expect(card.grade).toBe('D');
  });

  it('prorates additive targets for a rep who joined on the 10th (21 of 30 days)', () => {
    /*
     * Joined 2026-11-10: employed 21 of November's 30 days.
     *   回款 target 10万 × 21/30 = 7万; actual 7万 → 100% → 100 × .30 = 30
     *   签约 target 15万 × 21/30 = 10.5万; actual 10.5万 → 100 → 25
     *   拜访 target 40 × 21/30 = 28; actual 21 → 75% → 75 × .15 = 11.25
     *   新增 target 8 × 21/30 = 5.6; actual 7 → 125% → 125 × .10 = 12.5 (cap 150%)
     *   赢单率 target 30% is a ratio: not prorated; 3/10 → 100 → 10
     *   满意度 4.5 → 100 × .10 = 10
     *   weighted = 30 + 25 + 11.25 + 12.5 + 10 + 10 = 98.75; no bonus, no deductions → 98.75 → S
     */
    const card = computeScorecard({
      content: handWorked,
      period: november,
      employment: { joinedOn: '2026-11-10' },
      measures: { ...emptyMeasures(), paymentsFen: 7_000_000, revenueWonFen: 10_500_000, visits: 21, newCustomers: 7, dealsWon: 3, dealsLost: 7, satisfactionSum: 9, satisfactionCount: 2 },
    });
    expect(card.proration).toEqual({ employedDays: 21, periodDays: 30 });
    expect(card.lines.map((l) => (l.target ? toDecimalString(l.target, 4) : null))).toEqual(['7000000', '10500000', '28', '5.6', '0.3', null, null, null]);
    expect(fixed2(card)).toBe('98.75');
    expect(card.grade).toBe('S');
    expect(sayAll('zh', explainLine(card.lines[0]!, card))).toBe('回款额 7万 / 目标 7万 = 100%，得分 100 × 权重 30% = 30（目标按在岗 21/30 天折算：10万 → 7万）');
  });

  it('prorates for a rep who left on the 15th (15 of 30 days) and keeps ratio targets whole', () => {
    /*
     * Left 2026-11-15 (last working day counts): 15/30 = 1/2.
     *   回款 10万 × 1/2 = 5万, actual 5万 → 100 × .30 = 30;   签约 15万 × 1/2 = 7.5万, actual 0 → 0
     *   拜访 40 × 1/2 = 20, actual 20 → 100 × .15 = 15;        新增 8 × 1/2 = 4, actual 0 → 0
     *   赢单率 30% stays 30%: 0 won of 2 closed = 0% → 0;     满意度 no data → left out (Σ weights 90)
     *   total = (100×30 + 0×25 + 100×15 + 0×10 + 0×10) ÷ 90 = 4500 ÷ 90 = 50 → D
     */
    const card = computeScorecard({
      content: handWorked,
      period: november,
      employment: { joinedOn: '2024-03-01', leftOn: '2026-11-15' },
      measures: { ...emptyMeasures(), paymentsFen: 5_000_000, visits: 20, dealsLost: 2 },
    });
    expect(card.proration).toEqual({ employedDays: 15, periodDays: 30 });
    expect(card.lines.map((l) => (l.target ? toDecimalString(l.target, 4) : null))).toEqual(['5000000', '7500000', '20', '4', '0.3', null, null, null]);
    expect(fixed2(card)).toBe('50');
    expect(card.grade).toBe('D');
  });

  it('uses a personal target override as given (not prorated)', () => {
    const card = computeScorecard({
      content: handWorked,
      period: november,
      employment: { joinedOn: '2026-11-10' },
      measures: { ...zhang },
      targetOverrides: new Map([['payments', 4_100_000]]),
    });
    const payments = card.lines[0]!;
    expect(payments.overridden).toBe(true);
    expect(toDecimalString(payments.target!, 0)).toBe('4100000');
    expect(payments.status).toBe('capped'); // 8.2万 / 4.1万 = 200%
    expect(sayAll('zh', explainLine(payments, card))).toContain('（个人目标）');
  });

  it('clamps the total and says so', () => {
    // Nearly everything capped at 120%, plus the 3-point bonus maximum → above 120 → clamped to 120.
    const card = computeScorecard({
      content: { ...handWorked, lines: handWorked.lines.filter((l) => l.id !== 'satisfaction') },
      period: november,
      measures: { ...zhang, paymentsFen: 50_000_000, revenueWonFen: 50_000_000, visits: 100, newCustomers: 9, dealsWon: 10, dealsLost: 0, complaintsUnresolved: 0, trainingMinutes: 600 },
    });
    // new customers 9/8 = 112.5 (cap 150 not reached): (120×30 + 120×25 + 120×15 + 112.5×10 + 120×10)/90 = 119.1666…
    // bonus 10 h × 0.5 = 5 → at most 3: raw = 122.1666…
    expect(toDecimalString(card.rawTotal, 4)).toBe('122.1667');
    expect(fixed2(card)).toBe('120');
    expect(sayAll('zh', explainTotal(card, handWorked))).toContain('（总分限定在 0–120 分，原为 122.17）');
  });

  it('has no total (and no grade) when no line can be scored', () => {
    const card = computeScorecard({
      content: templateContentSchema.parse({
        name: 'ratios only',
        periodType: 'month',
        lines: [{ id: 'conversion', indicator: 'conversion_rate', weight: 1, target: 0.3, rule: { kind: 'linear' } }],
      }),
      period: november,
      measures: emptyMeasures(),
    });
    expect(card.total).toBeNull();
    expect(card.grade).toBeNull();
    expect(sayAll('zh', explainTotal(card, handWorked))).toBe('本期没有可计分的指标，暂无总分。');
  });

  it.each<[string, string]>([
    ['95', 'S'],
    ['94.99', 'A'],
    ['85', 'A'],
    ['84.99', 'B'],
    ['70', 'B'],
    ['60', 'C'],
    ['59.99', 'D'],
    ['0', 'D'],
  ])('grades an official total of %s as %s', (total, grade) => {
    // One linear visits line scored against a target of 10000: visits = total × 100 gives exactly that total.
    const content = templateContentSchema.parse({
      name: 'grades',
      periodType: 'month',
      lines: [{ id: 'visits', indicator: 'visits', weight: 1, target: 10000, rule: { kind: 'linear' } }],
    });
    const card = computeScorecard({ content, period: november, measures: { ...emptyMeasures(), visits: Math.round(Number(total) * 100) } });
    expect(card.grade).toBe(grade);
  });

  it('grades the official (rounded) total: 94.995 shows and grades as 95.00 → S', () => {
    const content = templateContentSchema.parse({
      name: 'rounding',
      periodType: 'month',
      lines: [{ id: 'visits', indicator: 'visits', weight: 1, target: 200000, rule: { kind: 'linear' } }],
    });
    const card = computeScorecard({ content, period: november, measures: { ...emptyMeasures(), visits: 189_990 } }); // 94.995
    expect(fixed2(card)).toBe('95');
    expect(card.grade).toBe('S');
  });

  it('scores the shipped default template', () => {
    const card = computeScorecard({ content: DEFAULT_SALES_TEMPLATE, period: november, measures: zhang });
    expect(card.grade).not.toBeNull();
    expect(card.lines).toHaveLength(DEFAULT_SALES_TEMPLATE.lines.length);
  });
});
