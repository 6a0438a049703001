import { AppError, type ErrorCode } from '../../shared/errors.js';

/**
 * A problem with the file as a whole (unreadable, wrong encoding, missing columns, unknown layout): the import stops
 * and the result says why. Row-level problems are RowErrors instead and never stop an import.
 */
export class ImportFailure extends AppError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'ImportFailure';
  }
}
