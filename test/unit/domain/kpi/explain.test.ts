import { describe, expect, it } from 'vitest';
import { explainLine } from '../../../../src/domain/kpi/explain.js';
import { formatMoney } from '../../../../src/i18n/format.js';
import { sayAll } from '../../../../src/i18n/phrase.js';
import { emptyMeasures, type RepMeasures } from '../../../../src/domain/kpi/measures.js';
import { rat } from '../../../../src/domain/kpi/rational.js';
import { computeScorecard } from '../../../../src/domain/kpi/scorecard.js';
import { templateContentSchema, type TemplateLine } from '../../../../src/domain/kpi/template.js';
import { parsePeriodKey } from '../../../../src/domain/period.js';

const november = parsePeriodKey('2026-11')!;
const anchor = { id: 'visits', indicator: 'visits', weight: 50, target: 40, rule: { kind: 'linear' } };

/** Explains the second line of a two-line template (the first only keeps Σ weights fixed). */
function explain(line: Record<string, unknown>, measures: Partial<RepMeasures>, locale: 'zh' | 'en' = 'zh'): string {
  const content = templateContentSchema.parse({ name: 't', periodType: 'month', lines: [anchor, line] });
  const card = computeScorecard({ content, period: november, measures: { ...emptyMeasures(), visits: 40, ...measures } });
  return sayAll(locale, explainLine(card.lines[1]!, card));
}

describe('line explanations for the edge cases', () => {
  const complaintsLine: Partial<TemplateLine> & Record<string, unknown> = { id: 'c', indicator: 'complaints', weight: 50, target: 2, rule: { kind: 'linear', cap: 1.2 } };

  it.each<[string, Record<string, unknown>, Partial<RepMeasures>, string]>([
    ['lower is better', complaintsLine, { complaints: 4 }, '客户投诉 目标 2 / 实际 4 = 50%（越低越好），得分 50 × 权重 50% = 25'],
    ['lower is better with zero actual', complaintsLine, { complaints: 0 }, '客户投诉 实际 0（越低越好，已是最好结果），按封顶得分 120 × 权重 50% = 60'],
    ['zero target', { id: 'n', indicator: 'new_customers', weight: 50, target: 0, rule: { kind: 'linear' } }, { newCustomers: 3 }, '新增客户 3，目标为 0 或未设定，不计入总分'],
    ['cap exceeded', { id: 'n', indicator: 'new_customers', weight: 50, target: 8, rule: { kind: 'linear', cap: 1.5 } }, { newCustomers: 16 }, '新增客户 16 / 目标 8 = 200%，封顶 150%，得分 150 × 权重 50% = 75'],
    [
      'no data counted as zero',
      { id: 'r', indicator: 'collection_rate', weight: 50, target: 0.8, rule: { kind: 'linear' }, whenNoData: 'zero' },
      {},
      '回款率 无数据（本期回款额 ÷ 本期签约额；无签约额时为无数据），按 0 分计 × 权重 50% = 0',
    ],
    [
      'below every tier',
      { id: 's', indicator: 'average_satisfaction', weight: 50, rule: { kind: 'tiered', tiers: [{ from: 3.5, points: 60 }, { from: 4.5, points: 100 }] } },
      { satisfactionSum: 6, satisfactionCount: 2 },
      '客户满意度 3 未达最低档「≥ 3.5」，得分 0 × 权重 50% = 0',
    ],
    [
      'tiers on achievement',
      { id: 'p', indicator: 'payments_collected', weight: 50, target: 10_000_000, rule: { kind: 'tiered', basis: 'achievement', tiers: [{ from: 0.8, points: 80 }, { from: 1, points: 100 }] } },
      { paymentsFen: 9_000_000 },
      '回款额 90% 达到「≥ 80%」档，得分 80 × 权重 50% = 40',
    ],
    [
      'channel line',
      { id: 'ref', indicator: 'new_customers_by_channel', salesChannel: 'referral', weight: 50, target: 4, rule: { kind: 'linear' } },
      { newCustomersBySalesChannel: { referral: 3 } },
      '渠道新增客户（referral） 3 / 目标 4 = 75%，得分 75 × 权重 50% = 37.5',
    ],
    ['bonus at its maximum', { id: 't', indicator: 'training_hours', rule: { kind: 'bonus', perUnit: 1, maxPoints: 3 } }, { trainingMinutes: 300 }, '培训时长 5小时 × 每个加 1 分 = 加 3 分（最多 3 分）'],
  ])('%s', (_name, line, measures, expected) => {
    expect(explain(line, measures)).toBe(expected);
  });

  it('returns phrases, not text: keys with the numbers as values, the note and the channel name nested', () => {
    const content = templateContentSchema.parse({
      name: 't',
      periodType: 'month',
      lines: [anchor, { id: 'ref', indicator: 'new_customers_by_channel', salesChannel: 'referral', weight: 50, target: 2, rule: { kind: 'linear', cap: 1.5 } }],
    });
    const card = computeScorecard({ content, period: november, measures: { ...emptyMeasures(), visits: 40, newCustomersBySalesChannel: { referral: 4 } } });
    const [sentence, ...notes] = explainLine(card.lines[1]!, card);
    expect(notes).toEqual([]);
    expect(sentence).toMatchObject({
      key: 'kpi.line.linear',
      params: {
        name: { key: 'kpi.line.nameWithSalesChannel', params: { name: { key: 'indicator.new_customers_by_channel.name' }, salesChannel: 'referral' } },
        actual: { unit: 'count', value: rat(4) },
        target: { unit: 'count', value: rat(2) },
        note: { key: 'kpi.note.capped', params: { cap: '150%' } },
      },
    });
  });

  it('explains in English too', () => {
    expect(explain(complaintsLine, { complaints: 0 }, 'en')).toBe('Complaints actual 0 (lower is better, the best possible), scores the cap 120 × weight 50% = 60');
  });

  it.each<[number, 'zh' | 'en', string]>([
    [820_000_000, 'zh', '820万'],
    [8_200_000, 'zh', '8.2万'],
    [1_000_000, 'zh', '1万'],
    [999_999, 'zh', '9,999.99元'],
    [123_456_789, 'zh', '123.46万'],
    [8_200_000, 'en', '¥82,000'],
    [5, 'en', '¥0.05'],
  ])('formats %i fen in %s as %s', (fen, locale, text) => {
    expect(formatMoney(rat(fen), locale)).toBe(text);
  });
});
