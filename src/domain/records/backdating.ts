import { parsePeriodKey, periodIncludesDate } from '../period.js';
import type { Role } from '../org/roles.js';
import { daysBetween, type BusinessDate } from './business-date.js';

/** Why a dated entry may not be stored as an ordinary entry. */
export type BackdateRefusal = { reason: 'too-old'; days: number } | { reason: 'locked'; periodKey: string };

/**
 * A rep's entry counts on its date. One dated more than `maxDays` calendar days before today, or
 * inside a period whose assessment is approved (locked), would change a result people already
 * reviewed, so it is refused as an ordinary entry. Null when the date is fine.
 */
export function backdateRefusal(date: BusinessDate, today: BusinessDate, maxDays: number, lockedPeriodKeys: readonly string[], zone: string): BackdateRefusal | null {
  const locked = lockedPeriodKeys.find((key) => {
    const period = parsePeriodKey(key, zone);
    return period !== undefined && periodIncludesDate(period, date);
  });
  if (locked) return { reason: 'locked', periodKey: locked };
  if (daysBetween(date, today) > maxDays) return { reason: 'too-old', days: maxDays };
  return null;
}

/** HR and managers may enter a refused date, with a reason, as a post-lock correction. */
export const mayCorrectAfterLock = (roles: readonly Role[]): boolean => roles.includes('hr') || roles.includes('manager');
