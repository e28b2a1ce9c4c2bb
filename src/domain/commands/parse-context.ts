import type { BusinessDate } from '../records/business-date.js';
import type { DealStage } from '../records/vocabulary.js';
import { looksLikeAmount } from './amount.js';
import { parseDateToken, type DateDirection } from './date-words.js';
import type { MessageKey } from '../message-key.js';
import { rejected, type Parsed } from './parse-error.js';

/** What every record parser needs to know about the world: passed in, never read from a clock. */
export interface ParseContext {
  today: BusinessDate;
  maxAmountFen: number;
}

export const MAX_NAME_LENGTH = 60;
export const MAX_NOTE_LENGTH = 500;

const STAGE_WORDS: Record<string, DealStage> = {
  线索: 'lead',
  lead: 'lead',
  需求确认: 'qualified',
  确认需求: 'qualified',
  需求: 'qualified',
  qualified: 'qualified',
  '方案/报价': 'proposal',
  方案报价: 'proposal',
  方案: 'proposal',
  报价: 'proposal',
  proposal: 'proposal',
  quote: 'proposal',
  谈判: 'negotiation',
  商务谈判: 'negotiation',
  negotiation: 'negotiation',
  赢单: 'won',
  成交: 'won',
  签约: 'won',
  won: 'won',
  win: 'won',
  输单: 'lost',
  丢单: 'lost',
  lost: 'lost',
  lose: 'lost',
};

export function stageOfWord(token: string): DealStage | undefined {
  return STAGE_WORDS[token.toLowerCase()];
}

/** A token that names something rather than being an amount, a date or a stage. */
export function isNameToken(token: string, ctx: ParseContext): boolean {
  return !looksLikeAmount(token) && !parseDateToken(token, ctx.today, 'past') && !/^#\d+$/.test(token);
}

/**
 * Pulls the first whole-token date out of tokens. Looking back (a deal, a payment), a date after
 * today is refused; looking ahead (an expected close), one before today is.
 */
export function takeDate(
  tokens: string[],
  ctx: ParseContext,
  direction: DateDirection,
  /** A message key naming the date (records.kind.visit): localised when shown. */
  what: MessageKey,
): Parsed<{ date: BusinessDate | null; rest: string[] }> {
  const index = tokens.findIndex((t) => parseDateToken(t, ctx.today, direction));
  if (index < 0) return { ok: true, value: { date: null, rest: tokens } };
  const match = parseDateToken(tokens[index] as string, ctx.today, direction);
  const date = match?.date ?? null;
  if (date === null) return rejected('records.error.dateInvalid', { input: tokens[index] as string });
  if (direction === 'past' && date > ctx.today) return rejected('records.error.dateFuture', { what, date });
  if (direction === 'future' && date < ctx.today) return rejected('records.error.dueInPast', { date });
  return { ok: true, value: { date, rest: tokens.filter((_, i) => i !== index) } };
}

export function joinNote(tokens: string[], what: MessageKey): Parsed<string | null> {
  const text = tokens.join(' ').replace(/^[\s,，:：;；、。-]+/, '').trim();
  if (text.length > MAX_NOTE_LENGTH) return rejected('records.error.tooLong', { what, max: MAX_NOTE_LENGTH });
  return { ok: true, value: text.length > 0 ? text : null };
}

export function checkName(name: string, what: MessageKey): Parsed<string> {
  if (name.length > MAX_NAME_LENGTH) return rejected('records.error.tooLong', { what, max: MAX_NAME_LENGTH });
  return { ok: true, value: name };
}
