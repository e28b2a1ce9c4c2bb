import { DateTime } from 'luxon';

/**
 * Assessment periods in a business time zone (APP_TIMEZONE, Asia/Shanghai by default), as half-open
 * intervals [start, end): a record made at 00:00:00.000 on the 1st belongs to the new month, one at
 * 23:59:59.999 on the last day to the old one. Weeks are ISO weeks (Monday start, the week belongs
 * to the year of its Thursday). Keys: 2026-W48, 2026-11, 2026-Q4, 2026.
 */

export type PeriodType = 'week' | 'month' | 'quarter' | 'year';
export const PERIOD_TYPES: readonly PeriodType[] = ['week', 'month', 'quarter', 'year'];
export const DEFAULT_ZONE = 'Asia/Shanghai';

export interface Period {
  type: PeriodType;
  key: string;
  zone: string;
  /** First instant (epoch ms, inclusive). */
  start: number;
  /** First instant of the next period (epoch ms, exclusive). */
  end: number;
  /** First business date, 'YYYY-MM-DD' (inclusive). */
  startDate: string;
  /** First business date of the next period (exclusive). */
  endDate: string;
  /** Last business date (inclusive): what people read, "11-01 ~ 11-30". */
  lastDate: string;
  /** Calendar days in the period: the denominator of target proration. */
  days: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function unitOf(type: PeriodType): 'week' | 'month' | 'quarter' | 'year' {
  return type;
}

function startOfPeriod(type: PeriodType, local: DateTime): DateTime {
  // luxon's startOf('week') is ISO (Monday) regardless of locale.
  return local.startOf(unitOf(type));
}

function keyOf(type: PeriodType, start: DateTime): string {
  switch (type) {
    case 'week':
      return `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`;
    case 'month':
      return start.toFormat('yyyy-MM');
    case 'quarter':
      return `${start.year}-Q${start.quarter}`;
    case 'year':
      return String(start.year);
  }
}

function fromLocalStart(type: PeriodType, start: DateTime): Period {
  const next = start.plus({ [`${unitOf(type)}s`]: 1 });
  const last = next.minus({ days: 1 });
  return {
    type,
    key: keyOf(type, start),
    zone: start.zoneName ?? DEFAULT_ZONE,
    start: start.toMillis(),
    end: next.toMillis(),
    startDate: start.toISODate() as string,
    endDate: next.toISODate() as string,
    lastDate: last.toISODate() as string,
    days: Math.round(next.diff(start, 'days').days),
  };
}

function assertZone(zone: string): void {
  if (!DateTime.fromMillis(0, { zone }).isValid) throw new RangeError(`invalid time zone: ${zone}`);
}

// The last period computed per type and zone: nearly every call (each inbound message asks for "this
// month") falls inside it, and luxon's zone arithmetic was a visible share of the webhook profile.
// Frozen, since every caller shares it.
const lastPeriods = new Map<string, Period>();

/** The period of the given type that contains an instant. */
export function periodContaining(type: PeriodType, instant: number, zone = DEFAULT_ZONE): Period {
  const cacheKey = `${type}|${zone}`;
  const last = lastPeriods.get(cacheKey);
  if (last && instant >= last.start && instant < last.end) return last;
  assertZone(zone);
  const period = Object.freeze(fromLocalStart(type, startOfPeriod(type, DateTime.fromMillis(instant, { zone }))));
  lastPeriods.set(cacheKey, period);
  return period;
}

/** Parses 'YYYY-MM-DD' strictly (a real calendar date), or returns undefined. */
export function parseBusinessDate(date: string, zone = DEFAULT_ZONE): DateTime | undefined {
  if (!DATE_RE.test(date)) return undefined;
  const parsed = DateTime.fromISO(date, { zone });
  return parsed.isValid ? parsed.startOf('day') : undefined;
}

/** The period of the given type that contains a business date: how records are assigned to periods. */
export function periodOfDate(type: PeriodType, date: string, zone = DEFAULT_ZONE): Period {
  const local = parseBusinessDate(date, zone);
  if (!local) throw new RangeError(`invalid business date: ${date}`);
  return fromLocalStart(type, startOfPeriod(type, local));
}

// The last business day computed per zone, as [start, end) instants and its date (see lastPeriods).
const lastDays = new Map<string, { start: number; end: number; date: string }>();

/** The business date ('YYYY-MM-DD') of an instant in the zone. */
export function businessDateOf(instant: number, zone = DEFAULT_ZONE): string {
  const last = lastDays.get(zone);
  if (last && instant >= last.start && instant < last.end) return last.date;
  const day = DateTime.fromMillis(instant, { zone }).startOf('day');
  const date = day.toISODate();
  // An invalid zone gives no date: say so rather than keep it.
  if (date === null) return date as unknown as string;
  lastDays.set(zone, { start: day.toMillis(), end: day.plus({ days: 1 }).toMillis(), date });
  return date;
}

/** Which type a key names, without checking its numbers. */
export function periodTypeOfKey(key: string): PeriodType | undefined {
  if (/^\d{4}-W\d{2}$/.test(key)) return 'week';
  if (/^\d{4}-\d{2}$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  return undefined;
}

/** Parses 2026-W48, 2026-11, 2026-Q4 or 2026; returns undefined for anything else (incl. 2026-13, 2025-W53). */
export function parsePeriodKey(key: string, zone = DEFAULT_ZONE): Period | undefined {
  assertZone(zone);
  const trimmed = key.trim().toUpperCase();
  const type = periodTypeOfKey(trimmed);
  if (!type) return undefined;
  let start: DateTime;
  switch (type) {
    case 'week': {
      const [y, w] = trimmed.split('-W').map(Number) as [number, number];
      start = DateTime.fromObject({ weekYear: y, weekNumber: w, weekday: 1 }, { zone });
      // luxon rolls week 53 of a 52-week year into the next year: refuse it instead.
      if (!start.isValid || start.weekYear !== y || start.weekNumber !== w) return undefined;
      break;
    }
    case 'month': {
      const [y, m] = trimmed.split('-').map(Number) as [number, number];
      if (m < 1 || m > 12) return undefined;
      start = DateTime.fromObject({ year: y, month: m, day: 1 }, { zone });
      break;
    }
    case 'quarter': {
      const [y, q] = trimmed.split('-Q').map(Number) as [number, number];
      start = DateTime.fromObject({ year: y, month: (q - 1) * 3 + 1, day: 1 }, { zone });
      break;
    }
    case 'year':
      start = DateTime.fromObject({ year: Number(trimmed), month: 1, day: 1 }, { zone });
      break;
  }
  if (!start.isValid || start.year < 2000 || start.year > 2100) return undefined;
  return fromLocalStart(type, start);
}

export function nextPeriod(period: Period): Period {
  return periodContaining(period.type, period.end, period.zone);
}

export function previousPeriod(period: Period): Period {
  return periodContaining(period.type, period.start - 1, period.zone);
}

/** True when the business date falls inside the period (startDate <= date < endDate). */
export function periodIncludesDate(period: Period, date: string): boolean {
  return date >= period.startDate && date < period.endDate;
}

/**
 * Calendar days of the period during which someone was employed: from joinedOn (inclusive) to
 * leftOn (inclusive, their last day), clipped to the period. Missing dates mean "before the period"
 * and "still employed".
 */
export function employedDaysIn(period: Period, joinedOn: string | null | undefined, leftOn: string | null | undefined): number {
  const first = joinedOn && joinedOn > period.startDate ? joinedOn : period.startDate;
  const lastExclusive = leftOn && leftOn < period.lastDate ? (parseBusinessDate(leftOn, period.zone)?.plus({ days: 1 }).toISODate() ?? period.endDate) : period.endDate;
  if (first >= lastExclusive) return 0;
  if (first === period.startDate && lastExclusive === period.endDate) return period.days;
  const a = parseBusinessDate(first, period.zone);
  const b = parseBusinessDate(lastExclusive, period.zone);
  if (!a || !b) return period.days;
  return Math.round(b.diff(a, 'days').days);
}
