import { addDays, daysBetween, endOfMonth, makeDate, mondayOf, weekdayOf, type BusinessDate } from '../records/business-date.js';
import { parseChineseInteger } from './chinese-number.js';
import { toHalfWidth } from './normalise.js';

/**
 * Date words in free text, resolved against a given "today" (a business date, never the clock).
 *
 * Rules:
 * - 今天/昨天/前天/大前天/明天/后天/大后天, today/yesterday/tomorrow, N天前, N天后.
 * - 周三/星期三/礼拜三 without a prefix: looking back (a visit) it is the most recent Wednesday on or
 *   before today (today itself when today is a Wednesday); looking ahead (a next step) the first
 *   Wednesday on or after today.
 * - 上周三 is the Wednesday of last ISO week (Mon–Sun), 本周三/这周三 of this week, 下周三 of next week;
 *   下周 alone is next Monday; 月底 is the last day of this month.
 * - 11-20, 11/20, 11月20日, 11月20号, 十一月二十日: this year, except that looking back a date more
 *   than 31 days ahead means last year (typing 12-30 on 1月3日), and looking ahead a date more than
 *   31 days past means next year.
 * - 20号 / 20日: this month, with the same month rollover.
 * - 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日: as written.
 */
export type DateDirection = 'past' | 'future';

export interface DateMatch {
  date: BusinessDate | null;
  /** The exact text that was matched, so callers can remove it from notes. */
  text: string;
  index: number;
  /** Words that can only mean the future (下周三, 明天): a visit takes these as its next step. */
  futureOnly: boolean;
}

const WEEKDAY = '(?:周|星期|礼拜)([一二三四五六日天七1-7])';
const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';

const PATTERNS: { re: RegExp; futureOnly?: boolean; resolve(m: RegExpExecArray, today: BusinessDate, dir: DateDirection): BusinessDate | null }[] = [
  {
    re: /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?/,
    resolve: (m) => makeDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    re: new RegExp(`${NUM}\\s*月\\s*${NUM}\\s*[日号]?`),
    resolve: (m, today, dir) => monthDay(toInt(m[1]), toInt(m[2]), today, dir),
  },
  {
    re: /(?<![\d.,:])(\d{1,2})[-/](\d{1,2})(?![\d.,:%])/,
    resolve: (m, today, dir) => monthDay(Number(m[1]), Number(m[2]), today, dir),
  },
  { re: /大前天/, resolve: (_m, today) => addDays(today, -3) },
  { re: /大后天/, futureOnly: true, resolve: (_m, today) => addDays(today, 3) },
  { re: /前天/, resolve: (_m, today) => addDays(today, -2) },
  { re: /后天/, futureOnly: true, resolve: (_m, today) => addDays(today, 2) },
  { re: /昨天|昨日|yesterday/i, resolve: (_m, today) => addDays(today, -1) },
  { re: /今天|今日|today/i, resolve: (_m, today) => today },
  { re: /明天|明日|tomorrow/i, futureOnly: true, resolve: (_m, today) => addDays(today, 1) },
  { re: /(\d{1,2}|[一二三四五六七八九十]{1,3})天前/, resolve: (m, today) => addDays(today, -toInt(m[1])) },
  { re: /(\d{1,2}|[一二三四五六七八九十]{1,3})天(?:后|之后)/, futureOnly: true, resolve: (m, today) => addDays(today, toInt(m[1])) },
  { re: new RegExp(`上(?:个)?${WEEKDAY}`), resolve: (m, today) => addDays(mondayOf(today), -7 + weekdayIndex(m[1]) - 1) },
  { re: new RegExp(`下(?:个)?${WEEKDAY}`), futureOnly: true, resolve: (m, today) => addDays(mondayOf(today), 7 + weekdayIndex(m[1]) - 1) },
  { re: new RegExp(`(?:本|这)(?:个)?${WEEKDAY}`), resolve: (m, today) => addDays(mondayOf(today), weekdayIndex(m[1]) - 1) },
  { re: /下(?:个)?(?:周|星期|礼拜)/, futureOnly: true, resolve: (_m, today) => addDays(mondayOf(today), 7) },
  { re: /月底/, futureOnly: true, resolve: (_m, today) => endOfMonth(today) },
  {
    re: new RegExp(WEEKDAY),
    resolve: (m, today, dir) => {
      const diff = weekdayIndex(m[1]) - weekdayOf(today);
      if (dir === 'past') return addDays(today, diff <= 0 ? diff : diff - 7);
      return addDays(today, diff >= 0 ? diff : diff + 7);
    },
  },
  {
    re: /(?<![\d月.])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[号日](?!元)/,
    resolve: (m, today, dir) => {
      const [y, mo] = today.split('-').map(Number) as [number, number];
      const day = toInt(m[1]);
      const here = makeDate(y, mo, day);
      if (here === null) return null;
      const diff = daysBetween(today, here);
      if (dir === 'past' && diff > 0) return shiftMonth(y, mo, -1, day);
      if (dir === 'future' && diff < 0) return shiftMonth(y, mo, 1, day);
      return here;
    },
  },
];

function toInt(raw: string | undefined): number {
  if (raw === undefined) return NaN;
  if (/^\d+$/.test(raw)) return Number(raw);
  const n = parseChineseInteger(raw);
  return n === null ? NaN : Number(n);
}

function weekdayIndex(raw: string | undefined): number {
  const i = '一二三四五六'.indexOf(raw ?? '');
  if (i >= 0) return i + 1;
  if (raw === '日' || raw === '天' || raw === '七') return 7;
  return Number(raw);
}

function shiftMonth(year: number, month: number, by: number, day: number): BusinessDate | null {
  const m0 = month - 1 + by;
  return makeDate(year + Math.floor(m0 / 12), ((m0 % 12) + 12) % 12 + 1, day);
}

function monthDay(month: number, day: number, today: BusinessDate, dir: DateDirection): BusinessDate | null {
  const year = Number(today.slice(0, 4));
  const here = makeDate(year, month, day);
  if (here === null) return null;
  const diff = daysBetween(today, here);
  if (dir === 'past' && diff > 31) return makeDate(year - 1, month, day);
  if (dir === 'future' && diff < -31) return makeDate(year + 1, month, day);
  return here;
}

/** The first date word in text (earliest position; longest match wins at the same position). */
export function findDate(input: string, today: BusinessDate, direction: DateDirection): DateMatch | undefined {
  // Full-width digits become half-width one for one, so positions stay valid for the caller's text.
  const text = toHalfWidth(input);
  let best: DateMatch | undefined;
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(text);
    if (!m) continue;
    const candidate: DateMatch = { date: pattern.resolve(m, today, direction), text: m[0], index: m.index, futureOnly: pattern.futureOnly ?? false };
    if (!best || candidate.index < best.index || (candidate.index === best.index && candidate.text.length > best.text.length)) best = candidate;
  }
  return best;
}

/** A whole token that is nothing but a date word ("昨天", "11-20"), resolved; undefined otherwise. */
export function parseDateToken(token: string, today: BusinessDate, direction: DateDirection): DateMatch | undefined {
  const m = findDate(token, today, direction);
  return m && m.index === 0 && m.text.length === token.length ? m : undefined;
}
