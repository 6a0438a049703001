import { ERROR_CODES } from '../../../../shared/errors.js';
import type { ImportResult } from '../../../../shared/contract/imports.js';
import { ApiError } from '../../api/errors.js';
import type { Formatters } from '../../i18n/format.js';

/** Megabytes with one decimal for "12.5 MB of 80.0 MB" (a size on screen, not money: a float is fine here). */
export function mb(fmt: Formatters, bytes: number): string {
  return fmt.number(Math.round(bytes / 104_857.6) / 10);
}

/** A file's size for the files table: KB below a megabyte, so a small export does not read "0 MB". */
export function size(fmt: Formatters, bytes: number): string {
  if (bytes < 1024) return `${fmt.number(bytes)} B`;
  if (bytes < 1_048_576) return `${fmt.number(Math.round(bytes / 102.4) / 10)} KB`;
  return `${mb(fmt, bytes)} MB`;
}

/** Share done, 0…1; an unknown total (0) counts as not started. */
export function fraction(done: number, total: number): number {
  return total > 0 ? Math.min(1, done / total) : 0;
}

/** True when ErrorBox has words of its own for the code; a job's failure may carry a code of the import engine's. */
export function knownCode(code: string): boolean {
  return (ERROR_CODES as readonly string[]).includes(code) || code === 'offline';
}

/**
 * Whether this screen says "ShopDesk could not use this file" instead of ErrorBox's headline for the code: for
 * `invalid_input` ("the request was not valid") and the engine's own codes, it is the file, not the request, at fault.
 */
export function fileIsAtFault(code: string): boolean {
  return code === 'invalid_input' || !knownCode(code);
}

/** A failed job's reason as the ApiError ErrorBox shows (its message names file, row and column as main wrote it). */
export function failureError(failure: NonNullable<ImportResult['failure']>): ApiError {
  return new ApiError({ code: knownCode(failure.code) ? (failure.code as ApiError['code']) : 'invalid_input', message: failure.message, details: { ...failure.details, code: failure.code } });
}
