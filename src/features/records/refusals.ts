import type { ParseProblem, Parsed } from '../../domain/commands/parse-error.js';
import type { ErrorCode } from '../../domain/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { problem, ProblemError } from '../../domain/problem.js';

/** A refusal as a Problem (code, message key, params); the doors word it in the reader's language. */
export const refuse = (code: ErrorCode, key: MessageKey, params: Record<string, string | number> = {}): ProblemError => new ProblemError(problem(code, key, params));

/** Input that cannot be stored as sent; nothing has been written. */
export const invalid = (key: MessageKey, params: Record<string, string | number> = {}): ProblemError => refuse('VALIDATION_FAILED', key, params);

export const parseRefusal = (p: ParseProblem): ProblemError => invalid(p.key, p.params ?? {});

/** The parsed value, or the parser's refusal thrown as a Problem. */
export function parsedOrThrow<T>(result: Parsed<T>): T {
  if (!result.ok) throw parseRefusal(result.problem);
  return result.value;
}
