import { HUNDRED, mul, toDecimalString, type Rational } from './rational.js';

/**
 * Display of exact values that read the same in every language. One rounding rule everywhere: half
 * away from zero (see rational.roundHalfUp), trailing zeros trimmed. Money and hours, whose units
 * differ by language, are formatted in src/i18n/format.ts.
 */

export function formatPercent(fraction: Rational): string {
  return `${toDecimalString(mul(fraction, HUNDRED), 1)}%`;
}

export function formatPoints(points: Rational): string {
  return toDecimalString(points, 2);
}
