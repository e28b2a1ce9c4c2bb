/**
 * Errors that carry a code. The bot and the HTTP layer map codes to user text (see messages.ts)
 * and HTTP statuses; the message here is for logs and never shown as is.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'CONFLICT'
  | 'USER_NOT_REGISTERED'
  | 'USER_INACTIVE'
  | 'IMPORT_INVALID'
  | 'UNKNOWN_JOB'
  | 'UNKNOWN_COMMAND'
  | (string & {});

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options: { params?: Record<string, unknown>; status?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.status = options.status ?? defaultStatus(code);
  }
}

function defaultStatus(code: ErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
    case 'UNKNOWN_JOB':
      return 404;
    case 'FORBIDDEN':
      return 403;
    case 'UNAUTHORIZED':
      return 401;
    // INVALID_STATE: a transition the current state does not allow (a decided assessment, a closed window).
    case 'CONFLICT':
    case 'INVALID_STATE':
      return 409;
    default:
      return 400;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
