import { describe, expect, it } from 'vitest';
import { backdateRefusal, mayCorrectAfterLock } from '../../../../src/domain/records/backdating.js';

const ZONE = 'Asia/Shanghai';

describe('backdateRefusal', () => {
  it('allows up to the bound in calendar days and refuses one more, across a month boundary', () => {
    expect(backdateRefusal('2026-11-26', '2026-12-03', 7, [], ZONE)).toBeNull();
    expect(backdateRefusal('2026-11-25', '2026-12-03', 7, [], ZONE)).toEqual({ reason: 'too-old', days: 7 });
  });

  it('counts back across the new year (1 January is in ISO week 2026-W53)', () => {
    expect(backdateRefusal('2026-12-25', '2027-01-01', 7, [], ZONE)).toBeNull();
    expect(backdateRefusal('2026-12-24', '2027-01-01', 7, [], ZONE)).toEqual({ reason: 'too-old', days: 7 });
  });

  it('refuses any date inside a locked period, whatever its type, and none outside it', () => {
    expect(backdateRefusal('2026-11-30', '2026-12-01', 7, ['2026-11'], ZONE)).toEqual({ reason: 'locked', periodKey: '2026-11' });
    expect(backdateRefusal('2026-12-01', '2026-12-01', 7, ['2026-11'], ZONE)).toBeNull();
    // 2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027.
    expect(backdateRefusal('2027-01-01', '2027-01-02', 7, ['2026-W53'], ZONE)).toEqual({ reason: 'locked', periodKey: '2026-W53' });
    expect(backdateRefusal('2027-01-04', '2027-01-05', 7, ['2026-W53'], ZONE)).toBeNull();
    expect(backdateRefusal('2026-11-30', '2026-12-01', 7, ['not-a-key'], ZONE)).toBeNull();
  });

  it('a bound of 0 allows only today', () => {
    expect(backdateRefusal('2026-12-01', '2026-12-01', 0, [], ZONE)).toBeNull();
    expect(backdateRefusal('2026-11-30', '2026-12-01', 0, [], ZONE)).toEqual({ reason: 'too-old', days: 0 });
  });
});

describe('mayCorrectAfterLock', () => {
  it('is for HR and managers only', () => {
    expect(mayCorrectAfterLock(['hr'])).toBe(true);
    expect(mayCorrectAfterLock(['manager', 'rep'])).toBe(true);
    expect(mayCorrectAfterLock(['rep'])).toBe(false);
    expect(mayCorrectAfterLock(['admin'])).toBe(false);
  });
});
