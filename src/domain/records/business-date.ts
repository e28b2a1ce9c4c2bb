import { businessDateOf as periodBusinessDateOf } from '../period.js';
import { DateTime } from 'luxon';

/**
 * Business dates are 'YYYY-MM-DD' in the org's time zone. Calendar arithmetic happens on the date
 * alone (UTC midnight), so no daylight-saving or offset can shift a day.
 */
export type BusinessDate = string;

export function businessDateOf(epochMs: number, timeZone: string): BusinessDate {
  return periodBusinessDateOf(epochMs, timeZone);
}

function asDate(date: BusinessDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return asDate(date).plus({ days }).toISODate() as string;
}

/** 1 = Monday ... 7 = Sunday (ISO). */
export function weekdayOf(date: BusinessDate): number {
  return asDate(date).weekday;
}

/** Monday of the ISO week containing date. */
export function mondayOf(date: BusinessDate): BusinessDate {
  return addDays(date, 1 - weekdayOf(date));
}

export function endOfMonth(date: BusinessDate): BusinessDate {
  return asDate(date).endOf('month').toISODate() as string;
}

/** A valid calendar date, or null (2月30日 is not one). */
export function makeDate(year: number, month: number, day: number): BusinessDate | null {
  const d = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return d.isValid ? (d.toISODate() as string) : null;
}

export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  // Calendar days between two dates: UTC midnights, so no zone arithmetic (and no luxon) is needed.
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
