/**
 * Errors cross every boundary (worker -> host -> IPC/HTTP -> renderer, and CLI) as data, never as
 * thrown exceptions: `{ ok: false, error: { code, message, details? } }`. Codes are stable so the
 * UI and scripts can act on them; messages are for people and name what went wrong and where.
 */

export const ERROR_CODES = [
  /** The request did not match the method's schema (details lists the offending fields). */
  'BAD_REQUEST',
  /** The method name is not in the contract. */
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  /** The request is valid but conflicts with current state (e.g. a disallowed transition). */
  'CONFLICT',
  /** Input data (a file, a manifest, a row) could not be read; details name file/line/column. */
  'BAD_INPUT',
  /** SQL refused by the read-only rules of the scratchpad. */
  'SQL_REFUSED',
  'SQL_ERROR',
  'CANCELLED',
  'TIMEOUT',
  /** The cache was written by a newer Ringside; it is never migrated down. */
  'SCHEMA_TOO_NEW',
  /** An applied migration's text differs from the one this build ships. */
  'MIGRATION_MODIFIED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'IO_ERROR',
  /** The service is shutting down or a worker died; the call may be retried. */
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/**
 * The one exception type service code throws on purpose. Anything else that escapes a handler is
 * reported as INTERNAL with its message (and logged), so a bug never masquerades as bad input.
 */
export class RingsideError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RingsideError';
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof RingsideError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  if (isApiErrorShape(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}

function isApiErrorShape(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** HTTP status for an error code, used by the browser-mode transport. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_REQUEST':
    case 'BAD_INPUT':
    case 'SQL_REFUSED':
    case 'SQL_ERROR':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_METHOD':
      return 404;
    case 'CONFLICT':
    case 'SCHEMA_TOO_NEW':
    case 'MIGRATION_MODIFIED':
      return 409;
    case 'CANCELLED':
      return 499;
    case 'TIMEOUT':
      return 504;
    case 'UNAVAILABLE':
      return 503;
    case 'IO_ERROR':
    case 'INTERNAL':
      return 500;
  }
}
