import { DateTime } from 'luxon';
import { div, mul, rat, type Rational } from '../kpi/rational.js';

/**
 * Pure parts of the alert rules. Working days are Monday to Friday; public holidays are not known
 * here (an org that needs them raises the threshold).
 */

function parseDate(date: string): DateTime {
  return DateTime.fromISO(date, { zone: 'UTC' });
}

/** The date on which `n` working days without a visit have passed since `lastDate` (the n-th working day after it). */
export function streakCrossingDate(lastDate: string, n: number): string {
  let date = parseDate(lastDate);
  let left = n;
  while (left > 0) {
    date = date.plus({ days: 1 });
    if (date.weekday <= 5) left -= 1;
  }
  return date.toISODate() as string;
}

/** Working days after `fromDate` up to and including `toDate`. */
export function workingDaysBetween(fromDate: string, toDate: string): number {
  let date = parseDate(fromDate);
  const end = parseDate(toDate);
  let count = 0;
  while (date < end) {
    date = date.plus({ days: 1 });
    if (date.weekday <= 5) count += 1;
  }
  return count;
}

/**
 * Has `minPct` % of the month passed by the end of business date `date`? Days are whole: the 1st
 * is 1/30 (or 1/31, 1/28...) of its month, so 25% of a 31-day month opens on the 8th. Pure.
 */
export function monthSharePassed(date: string, minPct: number): boolean {
  const day = parseDate(date);
  return day.day * 100 >= minPct * (day.daysInMonth as number);
}

/** "After the middle of the month": from the 16th on. */
export function isPastMidMonth(date: string): boolean {
  return Number(date.slice(8, 10)) > 15;
}

/**
 * Month-to-date achievement on pace: actual ÷ (month target × elapsed days ÷ days in the month).
 * Null without a positive target.
 */
export function paceAchievement(actual: Rational, monthTarget: Rational, elapsedDays: number, monthDays: number): Rational | null {
  if (monthTarget.n <= 0n || elapsedDays <= 0) return null;
  const expected = mul(monthTarget, rat(elapsedDays, monthDays));
  return div(actual, expected);
}
