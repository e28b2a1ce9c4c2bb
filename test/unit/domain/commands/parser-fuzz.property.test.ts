import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeAmount, parseAmountFen } from '../../../../src/domain/commands/amount.js';
import { parseChineseInteger } from '../../../../src/domain/commands/chinese-number.js';
import { findDate, parseDateToken } from '../../../../src/domain/commands/date-words.js';
import { splitCommandWord } from '../../../../src/domain/commands/normalise.js';
import type { ParseContext } from '../../../../src/domain/commands/parse-context.js';
import { parseComplaintStatus } from '../../../../src/domain/commands/parse-complaint-status.js';
import { parseContact, parseCustomer, normalisePhone } from '../../../../src/domain/commands/parse-customers.js';
import { parseStage } from '../../../../src/domain/commands/parse-deals.js';
import type { Parsed } from '../../../../src/domain/commands/parse-error.js';
import { parseDuration } from '../../../../src/domain/commands/parse-training.js';
import { isProblemError } from '../../../../src/domain/problem.js';
import { makeDate } from '../../../../src/domain/records/business-date.js';
import { complaintEntry } from '../../../../src/domain/records/entries/complaint.js';
import { contactEntry } from '../../../../src/domain/records/entries/contact.js';
import { dealEntry } from '../../../../src/domain/records/entries/deal.js';
import type { EntryParser } from '../../../../src/domain/records/entries/entry-parser.js';
import { fenToInput } from '../../../../src/domain/records/entries/form-values.js';
import { opportunityEntry } from '../../../../src/domain/records/entries/opportunity.js';
import { paymentEntry } from '../../../../src/domain/records/entries/payment.js';
import { surveyEntry } from '../../../../src/domain/records/entries/survey.js';
import { trainingEntry } from '../../../../src/domain/records/entries/training.js';
import { visitEntry } from '../../../../src/domain/records/entries/visit.js';
import { hasMessage } from '../../../../src/i18n/index.js';
import { fuzzText, fuzzValues } from './fuzz-inputs.js';

/**
 * 100,000 generated inputs across the parsers (the runs below add up to it). Properties: nothing
 * throws except a Problem; every refusal names a message that exists; amounts are integer fen within
 * the limit; dates are real calendar dates; an accepted entry survives the trip through form values.
 */
const MAX_FEN = 100_000_000 * 100;
const context = fc.record({ today: fc.constantFrom('2026-11-27', '2027-01-01', '2026-03-01', '2028-02-29', '2026-12-31'), maxAmountFen: fc.constant(MAX_FEN) }) as fc.Arbitrary<ParseContext>;

/** Runs f; a throw is fine only when it is a Problem. */
function noThrowButProblem<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    if (isProblemError(error)) return undefined;
    throw error;
  }
}

function expectWellFormed<T>(result: Parsed<T> | undefined): void {
  if (result && !result.ok) expect(hasMessage(result.problem.key), result.problem.key).toBe(true);
}

const isRealDate = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && makeDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) === date;

const ENTRIES: [EntryParser<unknown>, string[]][] = [
  [visitEntry as EntryParser<unknown>, ['customer', 'visitDate', 'kind', 'notes', 'nextStep', 'nextStepDue']],
  [dealEntry as EntryParser<unknown>, ['customer', 'amount', 'wonOn', 'title']],
  [paymentEntry as EntryParser<unknown>, ['customer', 'amount', 'paidOn', 'note']],
  [opportunityEntry as EntryParser<unknown>, ['customer', 'amount', 'stage', 'expectedCloseDate', 'title']],
  [contactEntry as EntryParser<unknown>, ['customer', 'name', 'phone', 'title']],
  [surveyEntry as EntryParser<unknown>, ['customer', 'score', 'nps', 'comment', 'surveyedOn']],
  [complaintEntry as EntryParser<unknown>, ['customer', 'content']],
  [trainingEntry as EntryParser<unknown>, ['course', 'hours', 'trainedOn', 'kind']],
];

describe('parser fuzz (fast-check, 100k inputs in all)', () => {
  it('amounts: integer fen within the limit, or a refusal; never a throw (20,000 runs)', () => {
    fc.assert(
      fc.property(fuzzText(4), (input) => {
        noThrowButProblem(() => looksLikeAmount(input));
        const result = noThrowButProblem(() => parseAmountFen(input, { maxFen: MAX_FEN }));
        if (!result || result.ok === 'not-amount') return;
        expectWellFormed(result);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThan(0);
          expect(result.value).toBeLessThanOrEqual(MAX_FEN);
          // What a form shows parses back to the same fen.
          expect(parseAmountFen(fenToInput(result.value), { maxFen: MAX_FEN })).toEqual({ ok: true, value: result.value });
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('dates: a real calendar date or none, in both directions (15,000 runs)', () => {
    fc.assert(
      fc.property(fuzzText(6), context, fc.constantFrom('past' as const, 'future' as const), (input, ctx, direction) => {
        for (const match of [noThrowButProblem(() => parseDateToken(input, ctx.today, direction)), noThrowButProblem(() => findDate(input, ctx.today, direction))]) {
          if (match?.date) expect(isRealDate(match.date), `${input} -> ${match.date}`).toBe(true);
        }
      }),
      { numRuns: 15_000 },
    );
  });

  it('small parsers: command word, numerals, phone, duration, stage, customer, contact, complaint status (5,000 runs)', () => {
    fc.assert(
      fc.property(fuzzText(8), context, (input, ctx) => {
        const { word, rest } = splitCommandWord(input);
        expect(word).not.toMatch(/^\s|\s$/);
        expect(rest).toBe(rest.trim());
        const n = noThrowButProblem(() => parseChineseInteger(input));
        if (typeof n === 'bigint') expect(n >= 0n).toBe(true);
        const parsers: (() => Parsed<unknown> | undefined)[] = [
          () => normalisePhone(input),
          () => parseDuration(input),
          () => parseStage(input, ctx),
          () => parseCustomer(input),
          () => parseContact(input),
          () => parseComplaintStatus(input),
        ];
        for (const parse of parsers) expectWellFormed(noThrowButProblem(parse));
      }),
      { numRuns: 5_000 },
    );
  });

  for (const [parser, fields] of ENTRIES) {
    it(`${parser.kind}: typed text parses or refuses, and an accepted draft survives its form values (5,000 runs)`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(fuzzText(), context, (input, ctx) => {
          const result = noThrowButProblem(() => parser.parseText(input, ctx));
          expectWellFormed(result);
          if (!result?.ok) return;
          accepted += 1;
          const again = parser.fromValues(parser.toValues(result.value), ctx);
          expect(again, `${input} -> ${JSON.stringify(parser.toValues(result.value))}`).toEqual({ ok: true, value: result.value });
        }),
        { numRuns: 5_000 },
      );
      // The round trip was exercised, not skipped for want of valid input.
      expect(accepted).toBeGreaterThan(50);
    });

    it(`${parser.kind}: form values parse or refuse, never throw (2,500 runs)`, () => {
      fc.assert(
        fc.property(fuzzValues(fields), context, (values, ctx) => {
          const result = noThrowButProblem(() => parser.fromValues(values, ctx));
          expectWellFormed(result);
          if (result?.ok) noThrowButProblem(() => parser.missing(result.value));
        }),
        { numRuns: 2_500 },
      );
    });
  }
});
