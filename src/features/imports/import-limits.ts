import { setImmediate as nextTurn } from 'node:timers/promises';
import { problem, ProblemError } from '../../domain/problem.js';

/**
 * Bounds on one uploaded spreadsheet (IMPORT_MAX_ROWS, IMPORT_MAX_UNCOMPRESSED_MB). A few kilobytes
 * of zip can inflate to gigabytes, so the readers check both before and while they parse.
 */
export interface ImportLimits {
  /** Data rows (the header not counted); one more is refused. */
  maxRows: number;
  /** Sum of the xlsx parts once inflated, in bytes. */
  maxUncompressedBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxRows: 20_000, maxUncompressedBytes: 50 * 1024 * 1024 };

/** Rows parsed between two turns of the event loop, so health checks and other requests get in. */
export const ROWS_PER_TURN = 500;

/** Gives the event loop a turn (timers and I/O run), unlike an await on a resolved promise. */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

export function tooManyRows(limits: ImportLimits): ProblemError {
  return new ProblemError(problem('VALIDATION_FAILED', 'import.tooManyRows', { max: limits.maxRows }));
}

export function tooLarge(limits: ImportLimits): ProblemError {
  return new ProblemError(problem('VALIDATION_FAILED', 'import.tooLarge', { maxMb: Math.floor(limits.maxUncompressedBytes / (1024 * 1024)) }));
}

export function notXlsx(): ProblemError {
  return new ProblemError(problem('VALIDATION_FAILED', 'import.notXlsx'));
}

/** Row errors shown to a person: the first hundred, and how many more there were. */
export const MAX_REPORTED_ROW_ERRORS = 100;

export function reportedRowErrors<T>(errors: T[]): { errors: T[]; moreErrors: number } {
  return { errors: errors.slice(0, MAX_REPORTED_ROW_ERRORS), moreErrors: Math.max(0, errors.length - MAX_REPORTED_ROW_ERRORS) };
}
