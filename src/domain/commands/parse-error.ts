import type { MessageKey } from '../message-key.js';

/** Why a piece of input was rejected: a message key (Chinese first) and what to fill into it. */
export interface ParseProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ParseProblem };

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const rejected = <T>(key: MessageKey, params?: Record<string, string | number>): Parsed<T> =>
  params ? { ok: false, problem: { key, params } } : { ok: false, problem: { key } };
