/**
 * Errors cross every transport as { code, message, details }. Codes are stable: the UI translates them, tests match
 * them. `message` is plain English for logs and the CLI; `details` names the thing that was wrong (field, file, row).
 */
export const ERROR_CODES = [
  'invalid_input', // the input failed the channel's schema
  'unknown_channel',
  'not_found',
  'unauthorized', // no or wrong token
  'forbidden', // authenticated but not allowed
  'conflict', // the change collides with the current state
  'db_newer_version', // database written by a newer ShopDesk
  'db_foreign', // a SQLite file that is not a ShopDesk database
  'db_corrupt', // not a database, or failed integrity checks
  'io_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class AppError extends Error implements ErrorPayload {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }
  toPayload(): ErrorPayload {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isErrorPayload(v: unknown): v is ErrorPayload {
  return typeof v === 'object' && v !== null && typeof (v as ErrorPayload).code === 'string' && typeof (v as ErrorPayload).message === 'string';
}
