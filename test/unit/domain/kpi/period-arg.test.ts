import { describe, expect, it } from 'vitest';
import { parsePeriodArg } from '../../../../src/domain/kpi/period-arg.js';
import { say } from '../../../../src/i18n/phrase.js';

const now = Date.parse('2026-11-27T10:00:00+08:00');
const keyOf = (text: string) => {
  const result = parsePeriodArg(text, now, 'Asia/Shanghai');
  return result.ok ? result.period.key : say('zh', result.reason);
};

describe('period arguments in commands', () => {
  it.each<[string, string]>([
    ['', '2026-11'],
    ['本月', '2026-11'],
    ['上月', '2026-10'],
    ['本周', '2026-W48'],
    ['上周', '2026-W47'],
    ['本季度', '2026-Q4'],
    ['上季度', '2026-Q3'],
    ['今年', '2026'],
    ['去年', '2025'],
    ['last month', '2026-10'],
    ['2026-11', '2026-11'],
    ['２０２６－１０', '2026-10'], // full-width typing on a phone
    ['2026-w48', '2026-W48'],
    ['2026-Q4', '2026-Q4'],
    ['10月', '2026-10'],
    ['2025年12月', '2025-12'],
  ])('%j means %s', (text, key) => {
    expect(keyOf(text)).toBe(key);
  });

  it.each(['下个月', '2026-13', '13月', 'abc'])('explains that %j is not a period', (text) => {
    expect(keyOf(text)).toMatch(/^看不懂周期/);
  });
});
