import { AppError, type ErrorCode } from './errors.js';

/**
 * A refusal in one shape: a code (the HTTP status and the logs read it), a message key and its
 * params. Nothing below the doors translates it: the bot pipeline and the Fastify error handler do,
 * in the reader's language. A param that is itself a message key is translated too.
 */
export interface Problem {
  code: ErrorCode;
  key: string;
  params: Record<string, string | number>;
}

export function problem(code: ErrorCode, key: string, params: Record<string, string | number> = {}): Problem {
  return { code, key, params };
}

/** A Problem thrown through code that cannot return it (a transaction callback, say). */
export class ProblemError extends AppError {
  readonly problem: Problem;

  constructor(value: Problem, options: { status?: number } = {}) {
    super(value.code, value.key, { params: value.params, ...(options.status ? { status: options.status } : {}) });
    this.name = 'ProblemError';
    this.problem = value;
  }
}

export function isProblemError(value: unknown): value is ProblemError {
  return value instanceof ProblemError;
}
