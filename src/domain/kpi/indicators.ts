import type { RepMeasures } from './measures.js';
import { rat, type Rational } from './rational.js';

/**
 * The indicator library: every number a template line can score. Each indicator says what it is
 * (Chinese and English), its unit, whether higher or lower is better, whether it adds up over time
 * (so its targets are prorated for part-period employment), and how it is computed from the raw sums.
 * `compute` returns null for "no data" (a ratio with no denominator), never 0 or 100%.
 */

export type IndicatorUnit = 'count' | 'fen' | 'ratio' | 'hours' | 'points';
export type Direction = 'higher' | 'lower';

export const INDICATOR_KEYS = [
  'visits',
  'customers_visited',
  'new_customers',
  'opportunities_created',
  'deals_won',
  'revenue_won',
  'payments_collected',
  'collection_rate',
  'conversion_rate',
  'average_deal_size',
  'average_satisfaction',
  'complaints',
  'complaints_unresolved',
  'complaint_response_24h_rate',
  'training_hours',
  'data_completeness',
  'new_customers_by_channel',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorDefinition {
  key: IndicatorKey;
  name: { zh: string; en: string };
  unit: IndicatorUnit;
  direction: Direction;
  /** Sums over time (counts, money, hours): targets are prorated by employed days. Ratios are not. */
  additive: boolean;
  /** How it is computed, for people (the admin UI and the scorecard's footnote). */
  formula: { zh: string; en: string };
  /** Lines of this indicator must name a channel key. */
  needsChannel?: boolean;
  compute(m: RepMeasures, options: { channel?: string }): Rational | null;
}

const ratio = (numerator: number, denominator: number): Rational | null => (denominator === 0 ? null : rat(numerator, denominator));
const count = (value: number): Rational => rat(value);

const definitions: IndicatorDefinition[] = [
  {
    key: 'visits',
    name: { zh: '拜访次数', en: 'Visits' },
    unit: 'count',
    direction: 'higher',
    additive: true,
    formula: { zh: '拜访日期在本期内的拜访记录数', en: 'visit records dated in the period' },
    compute: (m) => count(m.visits),
  },
  {
    key: 'customers_visited',
    name: { zh: '拜访客户数', en: 'Customers visited' },
    unit: 'count',
    direction: 'higher',
    additive: true,
    formula: { zh: '本期拜访过的不同客户数（同一客户多次拜访只计一次）', en: 'distinct customers visited in the period' },
    compute: (m) => count(m.customersVisited),
  },
  {
    key: 'new_customers',
    name: { zh: '新增客户', en: 'New customers' },
    unit: 'count',
    direction: 'higher',
    additive: true,
    formula: { zh: '本期新建的客户数', en: 'customers first registered in the period' },
    compute: (m) => count(m.newCustomers),
  },
  {
    key: 'opportunities_created',
    name: { zh: '新建商机', en: 'Opportunities created' },
    unit: 'count',
    direction: 'higher',
    additive: true,
    formula: { zh: '本期新建的商机数', en: 'opportunities created in the period' },
    compute: (m) => count(m.opportunitiesCreated),
  },
  {
    key: 'deals_won',
    name: { zh: '成交单数', en: 'Deals won' },
    unit: 'count',
    direction: 'higher',
    additive: true,
    formula: { zh: '赢单日期在本期内的商机数', en: 'deals with a won date in the period' },
    compute: (m) => count(m.dealsWon),
  },
  {
    key: 'revenue_won',
    name: { zh: '签约额', en: 'Revenue won' },
    unit: 'fen',
    direction: 'higher',
    additive: true,
    formula: { zh: '本期赢单金额之和', en: 'sum of amounts of deals won in the period' },
    compute: (m) => count(m.revenueWonFen),
  },
  {
    key: 'payments_collected',
    name: { zh: '回款额', en: 'Payments collected' },
    unit: 'fen',
    direction: 'higher',
    additive: true,
    formula: { zh: '回款日期在本期内的回款金额之和', en: 'sum of payments received in the period' },
    compute: (m) => count(m.paymentsFen),
  },
  {
    key: 'collection_rate',
    name: { zh: '回款率', en: 'Collection rate' },
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    formula: { zh: '本期回款额 ÷ 本期签约额；无签约额时为无数据', en: 'payments collected ÷ revenue won in the period; no data without revenue' },
    compute: (m) => ratio(m.paymentsFen, m.revenueWonFen),
  },
  {
    key: 'conversion_rate',
    name: { zh: '赢单率', en: 'Conversion rate' },
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    formula: { zh: '赢单数 ÷（赢单数 + 输单数）；本期无结案商机时为无数据', en: 'won ÷ (won + lost); no data without closed deals' },
    compute: (m) => ratio(m.dealsWon, m.dealsWon + m.dealsLost),
  },
  {
    key: 'average_deal_size',
    name: { zh: '平均单额', en: 'Average deal size' },
    unit: 'fen',
    direction: 'higher',
    additive: false,
    formula: { zh: '签约额 ÷ 成交单数；无成交时为无数据', en: 'revenue won ÷ deals won; no data without deals' },
    compute: (m) => ratio(m.revenueWonFen, m.dealsWon),
  },
  {
    key: 'average_satisfaction',
    name: { zh: '客户满意度', en: 'Average satisfaction' },
    unit: 'points',
    direction: 'higher',
    additive: false,
    formula: { zh: '满意度评分之和 ÷ 评分份数；无评分时为无数据', en: 'sum of satisfaction scores ÷ number of scores; no data without scores' },
    compute: (m) => ratio(m.satisfactionSum, m.satisfactionCount),
  },
  {
    key: 'complaints',
    name: { zh: '客户投诉', en: 'Complaints' },
    unit: 'count',
    direction: 'lower',
    additive: true,
    formula: { zh: '本期收到的投诉数', en: 'complaints received in the period' },
    compute: (m) => count(m.complaints),
  },
  {
    key: 'complaints_unresolved',
    name: { zh: '未解决投诉', en: 'Unresolved complaints' },
    unit: 'count',
    direction: 'lower',
    additive: true,
    formula: { zh: '本期收到且仍未解决的投诉数', en: 'complaints received in the period and still open' },
    compute: (m) => count(m.complaintsUnresolved),
  },
  {
    key: 'complaint_response_24h_rate',
    name: { zh: '投诉24小时响应率', en: 'Complaint response within 24 h' },
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    formula: { zh: '24 小时内首次响应的投诉数 ÷ 本期投诉数；无投诉时为无数据', en: 'complaints first answered within 24 h ÷ complaints; no data without complaints' },
    compute: (m) => ratio(m.complaintsRespondedIn24h, m.complaints),
  },
  {
    key: 'training_hours',
    name: { zh: '培训时长', en: 'Training hours' },
    unit: 'hours',
    direction: 'higher',
    additive: true,
    formula: { zh: '本期参加培训的分钟数 ÷ 60', en: 'training minutes in the period ÷ 60' },
    compute: (m) => rat(m.trainingMinutes, 60),
  },
  {
    key: 'data_completeness',
    name: { zh: '资料完整率', en: 'Data completeness' },
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    formula: { zh: '本期记录中已填必填项 ÷ 必填项总数；无记录时为无数据', en: 'required fields filled ÷ required fields over the period’s records; no data without records' },
    compute: (m) => ratio(m.completenessFilled, m.completenessRequired),
  },
  {
    key: 'new_customers_by_channel',
    name: { zh: '渠道新增客户', en: 'New customers by channel' },
    unit: 'count',
    direction: 'higher',
    additive: true,
    needsChannel: true,
    formula: { zh: '本期从指定渠道新建的客户数', en: 'customers from the given channel first registered in the period' },
    compute: (m, { channel }) => count(channel ? (m.newCustomersByChannel[channel] ?? 0) : 0),
  },
];

export const INDICATORS: ReadonlyMap<IndicatorKey, IndicatorDefinition> = new Map(definitions.map((d) => [d.key, d]));

export function indicatorOf(key: IndicatorKey): IndicatorDefinition {
  const definition = INDICATORS.get(key);
  if (!definition) throw new RangeError(`unknown indicator: ${key}`);
  return definition;
}

export function isIndicatorKey(value: string): value is IndicatorKey {
  return INDICATORS.has(value as IndicatorKey);
}
