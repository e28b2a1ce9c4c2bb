import type { MessageKey } from '../message-key.js';
import type { RepMeasures } from './measures.js';
import { div, rat, ratFromDecimal, type Rational } from './rational.js';

/**
 * The indicator library: every number a template line can score. Each indicator says what it is
 * (a message key), its unit, whether higher or lower is better, whether it adds up over time
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
  /** Message keys: the name and formula are sentences for readers, kept in src/i18n/indicators.ts. */
  name: MessageKey;
  unit: IndicatorUnit;
  direction: Direction;
  /** Sums over time (counts, money, hours): targets are prorated by employed days. Ratios are not. */
  additive: boolean;
  /** How it is computed, for people (the admin UI and the scorecard's footnote). */
  formula: MessageKey;
  /** Lines of this indicator must name a channel key. */
  needsSalesChannel?: boolean;
  compute(m: RepMeasures, options: { salesChannel?: string }): Rational | null;
}

// A verification rule's weights can make a sum fractional (two visits at 0.5): read it as the decimal it is.
const exact = (value: number): Rational => (Number.isSafeInteger(value) ? rat(value) : ratFromDecimal(value));
const ratio = (numerator: number, denominator: number): Rational | null => (denominator === 0 ? null : div(exact(numerator), exact(denominator)));
const count = (value: number): Rational => exact(value);

const definitions: Omit<IndicatorDefinition, 'name' | 'formula'>[] = [
  {
    key: 'visits',
    unit: 'count',
    direction: 'higher',
    additive: true,
    compute: (m) => count(m.visits),
  },
  {
    key: 'customers_visited',
    unit: 'count',
    direction: 'higher',
    additive: true,
    compute: (m) => count(m.customersVisited),
  },
  {
    key: 'new_customers',
    unit: 'count',
    direction: 'higher',
    additive: true,
    compute: (m) => count(m.newCustomers),
  },
  {
    key: 'opportunities_created',
    unit: 'count',
    direction: 'higher',
    additive: true,
    compute: (m) => count(m.opportunitiesCreated),
  },
  {
    key: 'deals_won',
    unit: 'count',
    direction: 'higher',
    additive: true,
    compute: (m) => count(m.dealsWon),
  },
  {
    key: 'revenue_won',
    unit: 'fen',
    direction: 'higher',
    additive: true,
    compute: (m) => count(m.revenueWonFen),
  },
  {
    key: 'payments_collected',
    unit: 'fen',
    direction: 'higher',
    additive: true,
    compute: (m) => count(m.paymentsFen),
  },
  {
    key: 'collection_rate',
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    compute: (m) => ratio(m.paymentsFen, m.revenueWonFen),
  },
  {
    key: 'conversion_rate',
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    compute: (m) => ratio(m.dealsWon, m.dealsWon + m.dealsLost),
  },
  {
    key: 'average_deal_size',
    unit: 'fen',
    direction: 'higher',
    additive: false,
    compute: (m) => ratio(m.revenueWonFen, m.dealsWon),
  },
  {
    key: 'average_satisfaction',
    unit: 'points',
    direction: 'higher',
    additive: false,
    compute: (m) => ratio(m.satisfactionSum, m.satisfactionCount),
  },
  {
    key: 'complaints',
    unit: 'count',
    direction: 'lower',
    additive: true,
    compute: (m) => count(m.complaints),
  },
  {
    key: 'complaints_unresolved',
    unit: 'count',
    direction: 'lower',
    additive: true,
    compute: (m) => count(m.complaintsUnresolved),
  },
  {
    key: 'complaint_response_24h_rate',
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    compute: (m) => ratio(m.complaintsRespondedIn24h, m.complaints),
  },
  {
    key: 'training_hours',
    unit: 'hours',
    direction: 'higher',
    additive: true,
    compute: (m) => div(exact(m.trainingMinutes), rat(60)),
  },
  {
    key: 'data_completeness',
    unit: 'ratio',
    direction: 'higher',
    additive: false,
    compute: (m) => ratio(m.completenessFilled, m.completenessRequired),
  },
  {
    key: 'new_customers_by_channel',
    unit: 'count',
    direction: 'higher',
    additive: true,
    needsSalesChannel: true,
    compute: (m, { salesChannel }) => count(salesChannel ? (m.newCustomersBySalesChannel[salesChannel] ?? 0) : 0),
  },
];

export const INDICATORS: ReadonlyMap<IndicatorKey, IndicatorDefinition> = new Map(
  definitions.map((d) => [d.key, { ...d, name: `indicator.${d.key}.name` as const, formula: `indicator.${d.key}.formula` as const }]),
);

export function indicatorOf(key: IndicatorKey): IndicatorDefinition {
  const definition = INDICATORS.get(key);
  if (!definition) throw new RangeError(`unknown indicator: ${key}`);
  return definition;
}

export function isIndicatorKey(value: string): value is IndicatorKey {
  return INDICATORS.has(value as IndicatorKey);
}
