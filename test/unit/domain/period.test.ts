import { describe, expect, it } from 'vitest';
import {
  businessDateOf,
  employedDaysIn,
  nextPeriod,
  parsePeriodKey,
  periodContaining,
  periodOfDate,
  previousPeriod,
  type PeriodType,
} from '../../../src/domain/period.js';

const at = (iso: string) => Date.parse(iso);

describe('periods in Asia/Shanghai', () => {
  it.each<[string, PeriodType, string, string, string, number]>([
    // key, type, first date, exclusive end date, first instant, days
    ['2026-W48', 'week', '2026-11-23', '2026-11-30', '2026-11-23T00:00:00+08:00', 7],
    ['2026-W53', 'week', '2026-12-28', '2027-01-04', '2026-12-28T00:00:00+08:00', 7],
    ['2026-W01', 'week', '2025-12-29', '2026-01-05', '2025-12-29T00:00:00+08:00', 7],
    ['2026-11', 'month', '2026-11-01', '2026-12-01', '2026-11-01T00:00:00+08:00', 30],
    ['2028-02', 'month', '2028-02-01', '2028-03-01', '2028-02-01T00:00:00+08:00', 29],
    ['2026-Q4', 'quarter', '2026-10-01', '2027-01-01', '2026-10-01T00:00:00+08:00', 92],
    ['2026', 'year', '2026-01-01', '2027-01-01', '2026-01-01T00:00:00+08:00', 365],
  ])('%s is a %s from %s to %s (exclusive)', (key, type, startDate, endDate, startIso, days) => {
    const period = parsePeriodKey(key);
    expect(period).toMatchObject({ key, type, startDate, endDate, start: at(startIso), days });
    expect(period?.end).toBe(nextPeriod(period!).start);
  });

  it.each(['2026-13', '2026-00', '2025-W53', '2026-W54', '2026-W00', '2026-Q5', 'November', '', '26-11', '2026-1'])('refuses the key %j', (key) => {
    expect(parsePeriodKey(key)).toBeUndefined();
  });

  it('accepts lower-case keys and surrounding spaces', () => {
    expect(parsePeriodKey(' 2026-q4 ')?.key).toBe('2026-Q4');
    expect(parsePeriodKey('2026-w48')?.key).toBe('2026-W48');
  });

  it('puts a record at 00:00:00 Asia/Shanghai on the 1st in the new month, and 23:59:59 on the last day in the old one', () => {
    expect(periodContaining('month', at('2026-12-01T00:00:00+08:00')).key).toBe('2026-12');
    expect(periodContaining('month', at('2026-11-30T23:59:59+08:00')).key).toBe('2026-11');
    expect(periodContaining('month', at('2026-11-30T23:59:59.999+08:00')).key).toBe('2026-11');
    // 2026-11-30 16:00 UTC is already 12-01 in Shanghai: the business zone decides, not UTC.
    expect(periodContaining('month', at('2026-11-30T16:00:00Z')).key).toBe('2026-12');
    expect(businessDateOf(at('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(businessDateOf(at('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });

  it('is half-open: the end instant belongs to the next period', () => {
    const november = parsePeriodKey('2026-11')!;
    expect(periodContaining('month', november.end).key).toBe('2026-12');
    expect(periodContaining('month', november.end - 1).key).toBe('2026-11');
    expect(periodContaining('month', november.start).key).toBe('2026-11');
  });

  it('assigns business dates to ISO weeks across the year end', () => {
    expect(periodOfDate('week', '2026-12-31').key).toBe('2026-W53');
    expect(periodOfDate('week', '2027-01-03').key).toBe('2026-W53');
    expect(periodOfDate('week', '2027-01-04').key).toBe('2027-W01');
    expect(periodOfDate('week', '2026-11-29').key).toBe('2026-W48'); // Sunday ends the ISO week
    expect(periodOfDate('week', '2026-11-30').key).toBe('2026-W49');
    expect(periodOfDate('quarter', '2026-12-31').key).toBe('2026-Q4');
    expect(() => periodOfDate('month', '2026-02-30')).toThrow(RangeError);
  });

  it('steps to the previous and next period', () => {
    expect(previousPeriod(parsePeriodKey('2026-01')!).key).toBe('2025-12');
    expect(nextPeriod(parsePeriodKey('2026-12')!).key).toBe('2027-01');
    expect(previousPeriod(parsePeriodKey('2026-W01')!).key).toBe('2025-W52');
    expect(nextPeriod(parsePeriodKey('2026-W53')!).key).toBe('2027-W01');
    expect(previousPeriod(parsePeriodKey('2026-Q1')!).key).toBe('2025-Q4');
    expect(nextPeriod(parsePeriodKey('2026')!).key).toBe('2027');
  });

  it('works in another IANA zone', () => {
    const utcMonth = periodContaining('month', at('2026-11-30T20:00:00Z'), 'UTC');
    expect(utcMonth.key).toBe('2026-11');
    expect(utcMonth.start).toBe(at('2026-11-01T00:00:00Z'));
    expect(() => periodContaining('month', 0, 'Mars/Olympus')).toThrow(RangeError);
  });

  it.each<[string | null, string | null, number]>([
    [null, null, 30],
    ['2025-01-01', null, 30],
    ['2026-11-10', null, 21], // joined on the 10th: 10..30 inclusive
    ['2026-11-30', null, 1],
    ['2026-12-01', null, 0],
    [null, '2026-11-15', 15], // left on the 15th (last working day counts)
    [null, '2026-10-31', 0],
    ['2026-11-10', '2026-11-19', 10],
    [null, '2026-11-30', 30],
  ])('counts employed days in 2026-11 for joined %s, left %s: %i', (joinedOn, leftOn, days) => {
    expect(employedDaysIn(parsePeriodKey('2026-11')!, joinedOn, leftOn)).toBe(days);
  });
});

describe('the last period and business day are kept per zone: every answer is still the right one', () => {
  const at = (iso: string) => Date.parse(iso);
  it('alternating around a month edge and midnight, in two zones, and never shared by mutation', () => {
    const sequence = ['2026-11-30T23:59:59.999+08:00', '2026-12-01T00:00:00.000+08:00', '2026-11-30T23:59:59.999+08:00', '2026-12-31T23:59:59.999+08:00', '2027-01-01T00:00:00+08:00'];
    const months = sequence.map((iso) => periodContaining('month', at(iso), 'Asia/Shanghai').key);
    expect(months).toEqual(['2026-11', '2026-12', '2026-11', '2026-12', '2027-01']);
    const dates = sequence.map((iso) => businessDateOf(at(iso), 'Asia/Shanghai'));
    expect(dates).toEqual(['2026-11-30', '2026-12-01', '2026-11-30', '2026-12-31', '2027-01-01']);
    // The same instant is another day and month in New York; a zone's kept day never answers for another zone.
    expect(businessDateOf(at('2026-12-01T00:00:00.000+08:00'), 'America/New_York')).toBe('2026-11-30');
    expect(businessDateOf(at('2026-12-01T00:00:00.000+08:00'), 'Asia/Shanghai')).toBe('2026-12-01');
    expect(periodContaining('month', at('2026-12-01T00:00:00.000+08:00'), 'America/New_York').key).toBe('2026-11');
    const kept = periodContaining('week', at('2026-12-31T12:00:00+08:00'), 'Asia/Shanghai');
    expect(kept.key).toBe('2026-W53');
    expect(() => {
      (kept as { key: string }).key = 'changed';
    }).toThrow(TypeError);
    expect(periodContaining('week', at('2026-12-31T13:00:00+08:00'), 'Asia/Shanghai').key).toBe('2026-W53');
    expect(() => periodContaining('month', 0, 'Not/AZone')).toThrow(/invalid time zone/);
  });
});
