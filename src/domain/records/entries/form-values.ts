import { parseAmountFen } from '../../commands/amount.js';
import { parseDateToken, type DateDirection } from '../../commands/date-words.js';
import { MAX_NOTE_LENGTH, type ParseContext } from '../../commands/parse-context.js';
import { rejected, type Parsed } from '../../commands/parse-error.js';
import { makeDate, type BusinessDate } from '../business-date.js';
import { normaliseInput } from '../../commands/normalise.js';
import type { MessageKey } from '../../message-key.js';

/**
 * Form values arrive as strings (from a card or from the args of a confirmation button). Each
 * helper validates one field with the same rules as typed text, so a card cannot store what a
 * message could not.
 */
export function text(values: Record<string, string>, name: string): string | null {
  const value = normaliseInput(values[name] ?? '');
  return value.length > 0 ? value : null;
}

export function note(values: Record<string, string>, name: string, what: MessageKey): Parsed<string | null> {
  const value = (values[name] ?? '').trim();
  if (value.length > MAX_NOTE_LENGTH) return rejected('records.error.tooLong', { what, max: MAX_NOTE_LENGTH });
  return { ok: true, value: value.length > 0 ? value : null };
}

export function date(
  values: Record<string, string>,
  name: string,
  ctx: ParseContext,
  direction: DateDirection,
  what: MessageKey,
): Parsed<BusinessDate | null> {
  const raw = text(values, name);
  if (raw === null) return { ok: true, value: null };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const resolved = iso ? makeDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : (parseDateToken(raw, ctx.today, direction)?.date ?? null);
  if (resolved === null) return rejected('records.error.dateInvalid', { input: raw });
  if (direction === 'past' && resolved > ctx.today) return rejected('records.error.dateFuture', { what, date: resolved });
  if (direction === 'future' && resolved < ctx.today) return rejected('records.error.dueInPast', { date: resolved });
  return { ok: true, value: resolved };
}

export function amount(values: Record<string, string>, name: string, ctx: ParseContext): Parsed<number | null> {
  const raw = text(values, name);
  if (raw === null) return { ok: true, value: null };
  const result = parseAmountFen(raw, { maxFen: ctx.maxAmountFen });
  if (result.ok === 'not-amount') return rejected('records.error.amountUnreadable', { input: raw });
  return result;
}

export function choice<T extends string>(values: Record<string, string>, name: string, allowed: readonly T[], fallback: T): Parsed<T> {
  const raw = text(values, name);
  if (raw === null) return { ok: true, value: fallback };
  return (allowed as readonly string[]).includes(raw) ? { ok: true, value: raw as T } : rejected('records.error.kindUnknown', { input: raw });
}

/** Fen as the plain decimal yuan a form shows and parses back exactly: 1200000 -> "12000". */
export function fenToInput(fen: number | null): string {
  if (fen === null) return '';
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}
