import { normaliseInput } from '../commands/normalise.js';
import { parsePeriodKey, periodContaining, previousPeriod, type Period, type PeriodType } from '../period.js';
import { phrase, type Phrase } from '../phrase.js';

/**
 * The period a person means in a command: 本周 / 上周 / 本月 / 上月 / 本季度 / 上季度 / 今年 / 去年, their
 * English forms, a key (2026-11, 2026-W48, 2026-Q4, 2026) or "11月" / "2026年11月". Empty means the
 * current period of the default type (the template's).
 */
export type PeriodArg = { ok: true; period: Period } | { ok: false; reason: Phrase };

const RELATIVE: Record<string, [PeriodType, 0 | -1]> = {
  本周: ['week', 0],
  这周: ['week', 0],
  'this week': ['week', 0],
  week: ['week', 0],
  上周: ['week', -1],
  'last week': ['week', -1],
  本月: ['month', 0],
  这个月: ['month', 0],
  'this month': ['month', 0],
  month: ['month', 0],
  上月: ['month', -1],
  上个月: ['month', -1],
  'last month': ['month', -1],
  本季度: ['quarter', 0],
  本季: ['quarter', 0],
  'this quarter': ['quarter', 0],
  上季度: ['quarter', -1],
  上季: ['quarter', -1],
  'last quarter': ['quarter', -1],
  今年: ['year', 0],
  本年: ['year', 0],
  'this year': ['year', 0],
  去年: ['year', -1],
  'last year': ['year', -1],
};

export function parsePeriodArg(text: string, now: number, zone: string, defaultType: PeriodType = 'month'): PeriodArg {
  const input = normaliseInput(text).toLowerCase();
  if (input === '') return { ok: true, period: periodContaining(defaultType, now, zone) };
  const relative = RELATIVE[input];
  if (relative) {
    const current = periodContaining(relative[0], now, zone);
    return { ok: true, period: relative[1] === 0 ? current : previousPeriod(current) };
  }
  const chineseMonth = /^(?:(\d{4})年)?(\d{1,2})月(?:份)?$/.exec(input);
  const key = chineseMonth
    ? `${chineseMonth[1] ?? periodContaining('year', now, zone).key}-${(chineseMonth[2] as string).padStart(2, '0')}`
    : input;
  const period = parsePeriodKey(key, zone);
  if (period) return { ok: true, period };
  return { ok: false, reason: phrase('kpi.period.unknown', { text: text.trim() }) };
}
