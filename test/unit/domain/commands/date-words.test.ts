import { describe, expect, it } from 'vitest';
import { findDate } from '../../../../src/domain/commands/date-words.js';

// Friday 2026-11-27; this ISO week runs Mon 11-23 .. Sun 11-29.
const TODAY = '2026-11-27';

const LOOKING_BACK: [string, string][] = [
  ['今天', '2026-11-27'],
  ['today', '2026-11-27'],
  ['昨天', '2026-11-26'],
  ['Yesterday', '2026-11-26'],
  ['前天', '2026-11-25'],
  ['大前天', '2026-11-24'],
  ['3天前', '2026-11-24'],
  ['三天前', '2026-11-24'],
  ['周一', '2026-11-23'],
  ['周三', '2026-11-25'],
  ['星期三', '2026-11-25'],
  ['礼拜三', '2026-11-25'],
  ['周五', '2026-11-27'],
  ['周六', '2026-11-21'],
  ['周日', '2026-11-22'],
  ['星期天', '2026-11-22'],
  ['上周三', '2026-11-18'],
  ['上个星期五', '2026-11-20'],
  ['本周二', '2026-11-24'],
  ['这周一', '2026-11-23'],
  ['11-20', '2026-11-20'],
  ['11/20', '2026-11-20'],
  ['11月20日', '2026-11-20'],
  ['11月20号', '2026-11-20'],
  ['11月20', '2026-11-20'],
  ['十一月二十日', '2026-11-20'],
  ['１１月２０日', '2026-11-20'],
  ['20号', '2026-11-20'],
  ['2026-11-02', '2026-11-02'],
  ['2026/11/02', '2026-11-02'],
  ['2026年11月2日', '2026-11-02'],
  ['2025.12.31', '2025-12-31'],
  // More than 31 days ahead when looking back: last year's date (typed on a January day).
  ['12-30', '2025-12-30'],
  ['1-5', '2026-01-05'],
];

const LOOKING_AHEAD: [string, string][] = [
  ['明天', '2026-11-28'],
  ['后天', '2026-11-29'],
  ['大后天', '2026-11-30'],
  ['5天后', '2026-12-02'],
  ['下周三', '2026-12-02'],
  ['下个礼拜一', '2026-11-30'],
  ['下周', '2026-11-30'],
  ['周三', '2026-12-02'],
  ['周五', '2026-11-27'],
  ['月底', '2026-11-30'],
  ['12月3日', '2026-12-03'],
  ['1月5日', '2027-01-05'],
  ['3号', '2026-12-03'],
];

describe('findDate', () => {
  it.each(LOOKING_BACK)('looking back, %s is %s', (input, date) => {
    expect(findDate(input, TODAY, 'past')?.date).toBe(date);
  });

  it.each(LOOKING_AHEAD)('looking ahead, %s is %s', (input, date) => {
    expect(findDate(input, TODAY, 'future')?.date).toBe(date);
  });

  it('finds a date anywhere in the text and reports what it matched', () => {
    expect(findDate('见了李总，昨天聊到很晚', TODAY, 'past')).toEqual({ date: '2026-11-26', text: '昨天', index: 5, futureOnly: false });
    expect(findDate('下周三报价', TODAY, 'future')).toMatchObject({ date: '2026-12-02', text: '下周三', index: 0, futureOnly: true });
  });

  it('on 1月3日 a December date typed without a year means last December', () => {
    expect(findDate('12-30', '2027-01-03', 'past')?.date).toBe('2026-12-30');
  });

  it.each(['2月30日', '2026-02-30', '13月1日', '11月31日'])('%s is not a real date', (input) => {
    const match = findDate(input, TODAY, 'past');
    expect(match).toBeDefined();
    expect(match?.date).toBeNull();
  });

  it.each(['聊了采购计划', '50000', '138-1234-5678', '1.2万', '第3期'])('"%s" holds no date', (input) => {
    expect(findDate(input, TODAY, 'past')).toBeUndefined();
  });
});
