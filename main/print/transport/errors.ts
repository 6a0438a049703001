import { AppError } from '../../../shared/errors.js';

/**
 * Why a job did not reach paper, as a stable reason the print queue acts on: paper_out and not_ready wait for the
 * packer (the queue resumes when the printer reports ready), the network ones retry, the spooler ones need setup.
 */
export type PrinterFailure =
  | 'refused' // nothing listens on host:port (printer off, wrong port)
  | 'unreachable' // no route / unknown host
  | 'timeout' // connected, but the printer stopped taking bytes or never closed
  | 'reset' // the printer dropped the connection part way
  | 'paper_out'
  | 'not_ready' // head open, paused, ribbon out, jammed
  | 'bad_status' // the printer answered a status query with bytes we cannot read
  | 'no_spooler' // the OS print command is missing
  | 'spooler'; // the OS spooler refused the job

export class PrinterError extends AppError {
  readonly reason: PrinterFailure;
  constructor(reason: PrinterFailure, message: string, details: Record<string, unknown> = {}) {
    super('io_error', message, { reason, ...details });
    this.name = 'PrinterError';
    this.reason = reason;
  }
}

/** Paper ran out: the job was not sent; load paper and the queue resumes. */
export class PaperOutError extends PrinterError {
  constructor(printer: string, details: Record<string, unknown> = {}) {
    super('paper_out', `printer ${printer} is out of paper`, { printer, ...details });
    this.name = 'PaperOutError';
  }
}

export function isPrinterError(e: unknown, reason?: PrinterFailure): e is PrinterError {
  return e instanceof PrinterError && (reason === undefined || e.reason === reason);
}
