import type { BusinessDate } from '../records/business-date.js';
import type { TrainingKind } from '../records/vocabulary.js';
import { parseChineseInteger } from './chinese-number.js';
import { checkName, takeDate, type ParseContext } from './parse-context.js';
import { rejected, type Parsed } from './parse-error.js';
import { tokenize } from './tokens.js';

export interface TrainingDraft {
  course: string | null;
  minutes: number | null;
  trainedOn: BusinessDate;
  kind: TrainingKind;
}

const KIND_WORDS: Record<string, TrainingKind> = {
  内训: 'internal',
  内部培训: 'internal',
  internal: 'internal',
  外训: 'external',
  外部培训: 'external',
  external: 'external',
  认证: 'certification',
  考证: 'certification',
  certification: 'certification',
  cert: 'certification',
};

const HOURS = /^(\d+(?:\.\d+)?)(小时|个小时|钟头|个钟头|h|hr|hrs|hour|hours)?$/i;
const MINUTES = /^(\d+)(分钟|min|mins|minutes)$/i;
const CHINESE_HOURS = /^([一二两三四五六七八九十]+)?(个)?(半)?(小时|钟头|个钟头)$/;
const MAX_MINUTES = 24 * 60;

/** Decimal hours to whole minutes without floats: "1.25" -> 75; null when not whole minutes. */
function hoursToMinutes(raw: string): number | null {
  const [whole = '0', frac = ''] = raw.split('.');
  const scaled = BigInt(whole + frac) * 60n;
  const divisor = 10n ** BigInt(frac.length);
  return scaled % divisor === 0n ? Number(scaled / divisor) : null;
}

/** "2小时", "1.5h", "90分钟", "两个半小时", "半小时" -> minutes; undefined when not a duration at all. */
export function parseDuration(token: string): Parsed<number> | undefined {
  const t = token.toLowerCase();
  let minutes: number | null | undefined;
  const hours = HOURS.exec(t);
  const mins = MINUTES.exec(t);
  const chinese = CHINESE_HOURS.exec(t);
  const halfOnly = /^(\d+)个?半(小时|钟头)$/.exec(t);
  if (hours) minutes = hoursToMinutes(hours[1] as string);
  else if (mins) minutes = Number(mins[1]);
  else if (halfOnly) minutes = Number(halfOnly[1]) * 60 + 30;
  else if (chinese && (chinese[1] || chinese[3])) {
    const whole = chinese[1] ? Number(parseChineseInteger(chinese[1]) ?? NaN) : 0;
    minutes = whole * 60 + (chinese[3] ? 30 : 0);
  }
  if (minutes === undefined) return undefined;
  if (minutes === null || !Number.isInteger(minutes) || minutes <= 0) return rejected('records.error.hoursInvalid', { input: token });
  if (minutes > MAX_MINUTES) return rejected('records.error.hoursTooLong', { input: token });
  return { ok: true, value: minutes };
}

/** 培训 <课程> <小时> [日期] [内训|外训|认证]; the kind defaults to 内训. */
export function parseTraining(rest: string, ctx: ParseContext): Parsed<TrainingDraft> {
  const tokens = tokenize(rest);
  let minutes: number | null = null;
  let kind: TrainingKind = 'internal';
  let kindSeen = false;
  const others: string[] = [];
  for (const token of tokens) {
    const duration: Parsed<number> | undefined = minutes === null ? parseDuration(token) : undefined;
    if (duration && !duration.ok) return duration;
    if (duration?.ok) minutes = duration.value;
    else if (!kindSeen && KIND_WORDS[token.toLowerCase()]) {
      kind = KIND_WORDS[token.toLowerCase()] as TrainingKind;
      kindSeen = true;
    } else others.push(token);
  }
  const dated = takeDate(others, ctx, 'past', 'records.kind.training');
  if (!dated.ok) return dated;
  const course = dated.value.rest.join(' ').trim() || null;
  if (course !== null) {
    const checked = checkName(course, 'records.field.course');
    if (!checked.ok) return checked;
  }
  return { ok: true, value: { course, minutes, trainedOn: dated.value.date ?? ctx.today, kind } };
}
