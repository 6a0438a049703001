import type { ErrorCode, ErrorPayload } from '../../../shared/errors.js';

/**
 * Codes the client adds to the contract's own: `offline` when a request was sent but the connection dropped before
 * its answer came (whether it ran is unknown, so it is not re-sent blindly).
 */
export type ApiErrorCode = ErrorCode | 'offline';

export interface ApiErrorPayload {
  code: ApiErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** What `api.invoke` throws: the structured error from main (or the client), never a bare string. */
export class ApiError extends Error implements ApiErrorPayload {
  readonly code: ApiErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(payload: ApiErrorPayload | ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    if (payload.details) this.details = payload.details;
  }
}

/** Anything caught around an api call, as an ApiError (a bug in our own code becomes `internal`). */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ code: 'internal', message: e instanceof Error ? e.message : String(e) });
}
